"""`pulso report period --send`: the period report reaches the inbox through the weekly
report's delivery code, sent to a real SMTP server (aiosmtpd) on loopback and parsed as a mail
program would; recorded in `deliveries`, alerted when it fails, the files written first."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from sqlalchemy import select

from pulso.cli.app import main
from pulso.cli.context import reset
from storage.db import make_engine, session_factory
from storage.models import Delivery
from tests.flows.fakes import webhook_receiver
from tests.flows.smtp import Inbox, free_port, smtp_server

SUBJECT = "Informe del periodo · 1 de enero de 2020 al 30 de septiembre de 2021"
STEM = "informe-periodo-2020-01-01_2021-09-30"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIOD = ["report", "period", "--from", "2020-01-01", "--to", "2021-09-30"]


def configure(folder: Path, port: int, extra: str = "", webhook: str | None = None) -> None:
    hook = f'[health]\nwebhook_url = "{webhook}"\n' if webhook else ""
    (folder / "pulso.toml").write_text(
        'timezone = "America/Bogota"\n'
        "[targets]\nfacebook = 2200\ninstagram = 700\n"
        f"{hook}"
        "[email]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {port}\n"
        'from = "Pulso <pulso@cali.gov.co>"\n'
        'to = ["prensa@cali.gov.co", "Jefe de Prensa <jefe@cali.gov.co>"]\n'
        'security = "none"\nbackoff_s = 5\ntimeout_s = 10\n'
        f"{extra}",
        encoding="utf-8",
    )
    reset()


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def deliveries(folder: Path) -> list[Delivery]:
    engine = make_engine(f"sqlite:///{folder / 'period.db'}")
    try:
        with session_factory(engine)() as session:
            return list(session.scalars(select(Delivery).order_by(Delivery.id)))
    finally:
        engine.dispose()


def test_the_period_report_arrives_as_html_with_text_pdf_and_xlsx(period_cli: Path) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        configure(period_cli, port)
        code, out, err = run_cli(*PERIOD, "--send")

    assert code == 0, err
    assert "e-mailed to 2 recipient(s)" in err
    folder = period_cli / "data" / "reports" / "2020-01-01_2021-09-30"
    assert str(folder / f"{STEM}.html") in out.split()  # the files are written and listed
    [(sender, recipients, message)] = inbox.received
    assert sender == "pulso@cali.gov.co"
    assert sorted(recipients) == ["jefe@cali.gov.co", "prensa@cali.gov.co"]
    assert message["Subject"] == SUBJECT
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    text = plain.get_content()
    assert text.startswith(SUBJECT)
    assert "Free press antes de IVA: $" in text and "Menciones en noticias:" in text
    assert f"Adjuntos: {STEM}.pdf, {STEM}.xlsx" in text
    body = html.get_content()
    assert "Informe del periodo" in body and "<style" in body
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://[^"']*\.(png|jpe?g|gif|css)""", body)
    files = {p.get_filename(): p.get_content_type() for p in message.iter_attachments()}
    assert files == {f"{STEM}.pdf": "application/pdf", f"{STEM}.xlsx": XLSX}
    [row] = deliveries(period_cli)
    assert (row.week, row.status, row.recipients) == ("2020-01-01_2021-09-30", "sent", 2)


def test_english_period_report_has_an_english_subject(period_cli: Path) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        configure(period_cli, port)
        code, _, err = run_cli(
            "report", "period", "--semester", "2021-S1", "--send", "--lang", "en"
        )

    assert code == 0, err
    message = inbox.received[0][2]
    assert message["Subject"] == "Period report · 1 January – 30 June 2021"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None and "News mentions:" in plain.get_content()
    assert {p.get_filename() for p in message.iter_attachments()} == {
        "period-report-2021-S1.pdf",
        "period-report-2021-S1.xlsx",
    }


def test_a_failed_sending_is_recorded_alerted_and_the_files_stay(period_cli: Path) -> None:
    with webhook_receiver() as (url, alerts):
        configure(period_cli, free_port(), "attempts = 1\n", webhook=url)
        code, out, err = run_cli("report", "period", "--semester", "2021-S2", "--send")

    assert code == 1
    assert "connection refused" in err and "the e-mail was not sent" in err
    folder = period_cli / "data" / "reports" / "2021-S2"
    assert str(folder) in err
    assert all(Path(p).is_file() for p in out.split())
    assert (folder / "informe-periodo-2021-S2.xlsx").is_file()
    [row] = deliveries(period_cli)
    assert (row.week, row.status, row.attempts) == ("2021-S2", "failed", 1)
    [alert] = alerts
    assert alert["kind"] == "delivery" and alert["week"] == "2021-S2"
    assert "el informe del periodo 2021-S2 no se pudo enviar" in alert["text"]
    assert "informe-periodo-2021-S2.pdf" in alert["files"]


def test_send_without_email_settings_is_refused_before_writing(period_cli: Path) -> None:
    code, out, err = run_cli("report", "period", "--year", "2021", "--send")

    assert code == 2 and "no [email] section" in err and out == ""
    assert not (period_cli / "data" / "reports" / "2021").exists()


def test_send_does_not_go_with_json(period_cli: Path) -> None:
    code, _, err = run_cli("report", "period", "--year", "2021", "--send", "--format", "json")

    assert code == 2 and "does not go with --format json" in err
