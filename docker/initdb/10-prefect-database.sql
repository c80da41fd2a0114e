-- Prefect's server keeps its own tables in a database of its own, next to Pulso's.
CREATE DATABASE prefect;
