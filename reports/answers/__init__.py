"""Pulso's answers (growth, mentions, valuation): one module per answer builds its JSON shape,
its rows and its columns; the CLI (`pulso growth|mentions|valuate`) and the dashboard (pages,
downloads, /api) are both thin over them, so their outputs cannot drift apart."""
