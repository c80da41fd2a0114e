"""Storage queries for the weekly report: each module reads one section's rows."""
