"""The weekly report and Pulso's presentation vocabulary.

Weekly report: model computed from storage, rendered to HTML, XLSX and CSV. Entry points for
other packages: `reports.weekly.build_weekly_report(session, week_start=..., config=..., now=...)`
and `reports.write.write_weekly_report(report, out_dir, lang)`; the step that writes a week's
report for the CLI, the flow and the demo is flows.steps.weekly.weekly_report.

Vocabulary: `reports.tables.Col` and `reports.i18n` (every column and label, es and en) and
`reports.answers` (one module per answer: JSON shape, rows, columns), shared by the report, the
CLI and the dashboard. Kept import-free so that `reports.formatting` stays cheap for the CLI and
the dashboard.
"""
