"""The weekly report: model computed from storage, rendered to HTML, XLSX and CSV.

Entry points for other packages: `reports.weekly.build_weekly_report(session, week_start=...,
config=..., now=...)` and `reports.write.write_weekly_report(report, out_dir, lang)`. Kept
import-free so that `reports.formatting` stays cheap for the CLI and the dashboard.
"""
