"""The offline demo: bundled configuration, history, rates, clips and replayed answers."""
