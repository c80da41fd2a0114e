"""Static files of the dashboard (a package so that wheels carry them)."""
