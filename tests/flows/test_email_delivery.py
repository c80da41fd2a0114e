"""The weekly report reaches the office's inbox: sent through a real SMTP server (aiosmtpd)
on loopback, and what the server received is parsed as a mail program would."""

from __future__ import annotations

import base64
import re
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from flows.steps.delivery import DeliveryFailed, deliver_weekly
from flows.steps.weekly import WrittenReport, weekly_report
from reports.week import Week
from settings import Settings, load_settings
from storage.db import session_factory
from storage.models import Delivery
from tests.flows.fakes import webhook_receiver
from tests.flows.smtp import Inbox, free_port, self_signed, smtp_server

WEEK = Week(date(2026, 11, 16))
SUBJECT_ES = "Informe semanal · 16 al 22 de noviembre de 2026"
PASSWORD = "s3cret-SMTP-pass"  # noqa: S105 - the test server's own password
# A 1×1 PNG, as an embedded logo or thumbnail would be in the report.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def configure(tmp_path: Path, port: int, extra: str = "", webhook: str | None = None) -> Settings:
    hook = f'[health]\nwebhook_url = "{webhook}"\n' if webhook else ""
    (tmp_path / "pulso.toml").write_text(
        'timezone = "America/Bogota"\n'
        '[mentions]\nterms = ["Alcaldía de Cali"]\n'
        f"{hook}"
        "[email]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {port}\n"
        'from = "Pulso <pulso@cali.gov.co>"\n'
        'to = ["prensa@cali.gov.co", "Jefe de Prensa <jefe@cali.gov.co>"]\n'
        'cc = ["archivo@cali.gov.co"]\n'
        "backoff_s = 5\ntimeout_s = 10\n"
        f"{extra}",
        encoding="utf-8",
    )
    return load_settings()


def written_week(engine: Engine, settings: Settings, tmp_path: Path) -> WrittenReport:
    """The week's files as the weekly step writes them (HTML, PDF, XLSX, CSVs), with an image
    embedded in the HTML as the report's logo or a post's thumbnail is."""
    written = weekly_report(engine, settings, out_dir=tmp_path / "informes", week=WEEK)
    html = next(p for p in written.files if p.suffix == ".html")
    logo = base64.b64encode(PNG).decode()
    page = html.read_text(encoding="utf-8")
    html.write_text(
        page.replace("<body>", f'<body><img alt="Alcaldía" src="data:image/png;base64,{logo}">', 1),
        encoding="utf-8",
    )
    return written


def deliveries(engine: Engine) -> list[Delivery]:
    with session_factory(engine)() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def attachments(message: EmailMessage) -> dict[str, str]:
    return {
        part.get_filename() or "": part.get_content_type() for part in message.iter_attachments()
    }


def test_the_report_arrives_as_html_with_text_pdf_and_xlsx(engine: Engine, tmp_path: Path) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "none"\n')
        written = written_week(engine, settings, tmp_path)
        outcome = deliver_weekly(engine, settings, written, sleep=pytest.fail)

    assert outcome.status == "sent" and outcome.recipients == 3
    [(sender, recipients, message)] = inbox.received
    assert sender == "pulso@cali.gov.co"
    assert sorted(recipients) == ["archivo@cali.gov.co", "jefe@cali.gov.co", "prensa@cali.gov.co"]
    assert message["Subject"] == SUBJECT_ES
    assert message["Cc"] == "archivo@cali.gov.co"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    plain = text.get_content()
    assert SUBJECT_ES in plain and "Menciones en noticias:" in plain
    assert "informe-semanal-2026-W47.pdf" in plain
    body = html.get_content()
    assert "<style" in body and "<svg" not in body.split("<style", 1)[0]
    sources = re.findall(r"""\bsrc\s*=\s*["']([^"']*)""", body)
    assert sources and all(s.startswith("cid:") for s in sources)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://[^"']*\.(png|jpe?g|gif|css)""", body)
    related = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert [p.get_content() for p in related] == [PNG]
    assert related[0]["Content-ID"] == f"<{sources[0].removeprefix('cid:')}>"
    files = attachments(message)
    assert files["informe-semanal-2026-W47.pdf"] == "application/pdf"
    assert files["informe-semanal-2026-W47.xlsx"] == XLSX
    assert set(files) == {"informe-semanal-2026-W47.pdf", "informe-semanal-2026-W47.xlsx"}
    assert [d.status for d in deliveries(engine)] == ["sent"]


def test_english_report_has_an_english_subject(engine: Engine, tmp_path: Path) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "none"\n')
        written = weekly_report(engine, settings, out_dir=tmp_path / "out", week=WEEK, lang="en")
        deliver_weekly(engine, settings, written, lang="en")

    message = inbox.received[0][2]
    assert message["Subject"] == "Weekly report · 16–22 November 2026"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None and "News mentions:" in plain.get_content()


def test_starttls_with_the_password_from_the_environment(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = self_signed(tmp_path)
    monkeypatch.setenv("PULSO_SMTP_PASSWORD", PASSWORD)
    inbox = Inbox()
    with smtp_server(inbox, starttls=cert.server_context(), password=PASSWORD) as port:
        settings = configure(
            tmp_path, port, f'security = "starttls"\nusername = "pulso"\nca_file = "{cert.cert}"\n'
        )
        outcome = deliver_weekly(
            engine, settings, written_week(engine, settings, tmp_path), sleep=pytest.fail
        )

    assert outcome.status == "sent"
    assert inbox.logins == [("pulso", PASSWORD)] and len(inbox.received) == 1
    assert PASSWORD not in (tmp_path / "pulso.toml").read_text(encoding="utf-8")


# aiosmtpd counts only STARTTLS as TLS and warns about AUTH on this (TLS) connection.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_ssl_from_the_first_byte(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = self_signed(tmp_path)
    monkeypatch.setenv("PULSO_SMTP_PASSWORD", PASSWORD)
    inbox = Inbox()
    with smtp_server(inbox, implicit_tls=cert.server_context(), password=PASSWORD) as port:
        settings = configure(
            tmp_path, port, f'security = "ssl"\nusername = "pulso"\nca_file = "{cert.cert}"\n'
        )
        outcome = deliver_weekly(
            engine, settings, written_week(engine, settings, tmp_path), sleep=pytest.fail
        )

    assert outcome.status == "sent" and inbox.received[0][2]["Subject"] == SUBJECT_ES


def test_an_untrusted_certificate_is_final_and_never_retried(
    engine: Engine, tmp_path: Path
) -> None:
    cert = self_signed(tmp_path)
    inbox = Inbox()
    waits: list[float] = []
    with smtp_server(inbox, starttls=cert.server_context()) as port:
        settings = configure(tmp_path, port, 'security = "starttls"\n')  # system CAs only
        with pytest.raises(DeliveryFailed) as failed:
            deliver_weekly(
                engine, settings, written_week(engine, settings, tmp_path), sleep=waits.append
            )

    assert failed.value.outcome.attempts == 1 and waits == []
    assert "certificate" in (failed.value.outcome.reason or "").lower()
    assert inbox.received == []


def test_a_server_without_starttls_is_refused_rather_than_sent_in_clear(
    engine: Engine, tmp_path: Path
) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "starttls"\n')
        with pytest.raises(DeliveryFailed) as failed:
            deliver_weekly(
                engine, settings, written_week(engine, settings, tmp_path), sleep=pytest.fail
            )

    assert "STARTTLS" in (failed.value.outcome.reason or "")
    assert failed.value.outcome.attempts == 1 and inbox.data_calls == 0


def test_a_wrong_password_is_final_and_the_password_is_not_recorded(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = self_signed(tmp_path)
    monkeypatch.setenv("PULSO_SMTP_PASSWORD", "wrong-" + PASSWORD)
    inbox = Inbox()
    with smtp_server(inbox, starttls=cert.server_context(), password=PASSWORD) as port:
        settings = configure(
            tmp_path, port, f'security = "starttls"\nusername = "pulso"\nca_file = "{cert.cert}"\n'
        )
        with pytest.raises(DeliveryFailed) as failed:
            deliver_weekly(
                engine, settings, written_week(engine, settings, tmp_path), sleep=pytest.fail
            )

    [row] = deliveries(engine)
    assert row.status == "failed" and row.attempts == 1
    assert "username or password" in (row.reason or "")
    assert PASSWORD not in (row.reason or "") and PASSWORD not in str(failed.value)


def test_a_temporary_refusal_is_retried_then_delivered(engine: Engine, tmp_path: Path) -> None:
    inbox = Inbox(answers=["451 4.3.0 Mailbox busy, try again later"])
    waits: list[float] = []
    with smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "none"\n')
        outcome = deliver_weekly(
            engine, settings, written_week(engine, settings, tmp_path), sleep=waits.append
        )

    assert outcome.status == "sent" and outcome.attempts == 2 and waits == [5.0]
    assert len(inbox.received) == 1
    [row] = deliveries(engine)
    assert (row.status, row.attempts, row.sent_at is not None) == ("sent", 2, True)


def test_a_permanent_rejection_is_recorded_alerted_and_not_retried(
    engine: Engine, tmp_path: Path
) -> None:
    inbox = Inbox(answers=["554 5.7.1 Message rejected by policy"])
    waits: list[float] = []
    with webhook_receiver() as (url, alerts), smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "none"\n', webhook=url)
        with pytest.raises(DeliveryFailed):
            deliver_weekly(
                engine, settings, written_week(engine, settings, tmp_path), sleep=waits.append
            )

    assert waits == [] and inbox.data_calls == 1
    [row] = deliveries(engine)
    assert row.status == "failed" and "554" in (row.reason or "")
    assert alerts[0]["kind"] == "delivery" and "554" in alerts[0]["reason"]


def test_a_refused_connection_is_retried_recorded_alerted_and_the_files_stay(
    engine: Engine, tmp_path: Path
) -> None:
    waits: list[float] = []
    with webhook_receiver() as (url, alerts):
        settings = configure(tmp_path, free_port(), 'security = "none"\n', webhook=url)
        written = written_week(engine, settings, tmp_path)
        with pytest.raises(DeliveryFailed) as failed:
            deliver_weekly(engine, settings, written, sleep=waits.append)

    assert waits == [5.0, 10.0]  # three attempts in all, backing off
    [row] = deliveries(engine)
    assert (row.status, row.attempts, row.recipients) == ("failed", 3, 3)
    assert "connection refused" in (row.reason or "")
    assert failed.value.outcome.reason == row.reason
    [alert] = alerts
    assert alert["week"] == "2026-W47" and alert["attempts"] == 3
    assert "no se pudo enviar" in alert["text"] and str(written.directory) in alert["text"]
    assert all(path.is_file() for path in written.files)


def test_the_flow_does_not_send_a_week_twice_unless_asked(engine: Engine, tmp_path: Path) -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        settings = configure(tmp_path, port, 'security = "none"\n')
        written = written_week(engine, settings, tmp_path)
        first = deliver_weekly(engine, settings, written, resend=False)
        again = deliver_weekly(engine, settings, written, resend=False)
        asked = deliver_weekly(engine, settings, written, resend=True)

    assert (first.status, again.status, asked.status) == ("sent", "skipped", "sent")
    assert len(inbox.received) == 2


def run_cli(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    from pulso.cli.app import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def test_report_weekly_send_emails_the_written_week(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        configure(tmp_path, port, 'security = "none"\n')
        code, err = run_cli("report", "weekly", "--week", "2026-W47", "--send")

    assert code == 0, err
    assert "3 recipient(s)" in err
    assert inbox.received[0][2]["Subject"] == SUBJECT_ES
    assert (tmp_path / "data" / "reports" / "2026-W47").is_dir()


def test_report_weekly_send_without_email_settings_is_invalid_input(tmp_path: Path) -> None:
    code, err = run_cli("report", "weekly", "--week", "2026-W47", "--send")

    assert code == 2 and "no [email] section" in err


def test_report_weekly_send_failure_says_where_the_files_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSO_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    configure(tmp_path, free_port(), 'security = "none"\nattempts = 1\n')

    code, err = run_cli("report", "weekly", "--week", "2026-W47", "--send")

    assert code == 1 and "connection refused" in err and "2026-W47" in err


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('security = "none"\nto = ["not an address"]\n', "email.to"),
        ('security = "tls"\n', "email.security"),
        ('security = "none"\npassword = "x"\n', "email.password: unknown key"),
    ],
)
def test_email_settings_are_validated_with_clear_lines(
    tmp_path: Path, extra: str, problem: str
) -> None:
    from settings import ConfigError

    text = (
        '[email]\nsmtp_host = "smtp.cali.gov.co"\nfrom = "pulso@cali.gov.co"\n'
        + ("" if "to =" in extra else 'to = ["prensa@cali.gov.co"]\n')
        + extra
    )
    (tmp_path / "pulso.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert any(problem in line for line in error.value.problems), error.value.problems


@pytest.mark.parametrize(
    ("extra", "env", "says"),
    [
        ('username = "pulso"\n', {}, "PULSO_SMTP_PASSWORD is not"),
        ('username = "pulso"\nsecurity = "none"\n', {"PULSO_SMTP_PASSWORD": "x"}, "in clear"),
    ],
)
def test_settings_that_cannot_work_are_refused_before_connecting(
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extra: str,
    env: dict[str, Any],
    says: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    inbox = Inbox()
    with webhook_receiver() as (url, alerts), smtp_server(inbox) as port:
        settings = configure(tmp_path, port, extra, webhook=url)
        written = weekly_report(engine, settings, out_dir=tmp_path / "out", week=WEEK)
        with pytest.raises(DeliveryFailed, match=says):
            deliver_weekly(engine, settings, written, sleep=pytest.fail)

    assert inbox.data_calls == 0 and inbox.logins == []
    [row] = deliveries(engine)
    assert (row.status, row.attempts) == ("failed", 0) and says in (row.reason or "")
    assert alerts[0]["kind"] == "delivery"
