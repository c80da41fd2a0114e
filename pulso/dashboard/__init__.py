"""The read-only web dashboard (`pulso dashboard`): growth, compare, mentions, free press, reports."""

from pulso.dashboard.app import create_app

__all__ = ["create_app"]
