"""Jinja2 templates of the dashboard (a package so that wheels carry them)."""
