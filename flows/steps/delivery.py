"""Delivering the weekly report (and the period report) by e-mail, after its files are written.

The files come first and stay whatever the mail server does: a failed sending is retried
(flows/steps/mail.py), recorded in `deliveries` with its reason, and alerted through the
health webhook, and the caller learns it failed. Sending is an explicit act: `pulso report
weekly --send` always sends; the scheduled weekly flow sends a week only when no earlier
delivery of that week succeeded (its `resend` parameter sends again anyway).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Engine

from flows.steps import mail
from flows.steps.health import notify
from flows.steps.period import WrittenPeriodReport
from flows.steps.weekly import WrittenReport
from reports.i18n import period_report_title
from reports.mail import compose_email, email_subject, period_summary_text, summary_text
from settings import Settings
from settings.model import EmailConfig
from storage.db import transaction
from storage.deliveries import finish_delivery, last_sent, start_delivery

ATTACHED = (".pdf", ".xlsx")


class EmailNotConfigured(Exception):
    """Sending was asked for but pulso.toml has no `[email]` section."""


class DeliveryFailed(Exception):
    """The report was written but not delivered; `outcome` says why and where the files are."""

    def __init__(self, outcome: DeliveryOutcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    week: str
    status: str  # sent | failed | skipped
    recipients: int
    attempts: int
    reason: str | None = None


def _attachments(files: Sequence[Path]) -> list[Path]:
    return [p for p in files if p.suffix.lower() in ATTACHED and p.is_file()]


def report_email(written: WrittenReport, email: EmailConfig, lang: str) -> EmailMessage:
    """The week's message: the report's HTML as body, its numbers as text, PDF and XLSX attached."""
    attachments = _attachments(written.files)
    if written.report is not None:
        text = summary_text(written.report, lang, attachments)
    else:
        text = email_subject(written.week, lang) + "\n"
    subject = email_subject(written.week, lang)
    return _message(subject, text, written.files, email, written.week.label)


def period_email(written: WrittenPeriodReport, email: EmailConfig, lang: str) -> EmailMessage:
    """The period's message: "Informe del periodo · 1 de enero de 2020 al 30 de septiembre de
    2021", its HTML page as body, its headline numbers as text, PDF and XLSX attached."""
    period = written.report.period
    text = period_summary_text(written.report, lang, _attachments(written.files))
    subject = period_report_title(period.start, period.end, lang)
    return _message(subject, text, written.files, email, period.label)


def _message(
    subject: str, text: str, files: Sequence[Path], email: EmailConfig, label: str
) -> EmailMessage:
    html_file = next((p for p in files if p.suffix.lower() == ".html"), None)
    if html_file is None:
        raise ValueError(f"no HTML report among the files written for {label}")
    attachments = _attachments(files)
    return compose_email(
        subject=subject,
        sender=email.from_,
        to=email.to,
        cc=email.cc,
        html=html_file.read_text(encoding="utf-8"),
        text=text,
        attachments=attachments,
    )


def configured_email(settings: Settings) -> EmailConfig:
    email = settings.config.email
    if email is None:
        raise EmailNotConfigured(
            f"{settings.config_path}: no [email] section: add smtp_host, from and to to send "
            "the report (README, 'Sending the weekly report by e-mail')"
        )
    return email


def email_settings(settings: Settings) -> EmailConfig:
    """`[email]`, checked as far as it can be without connecting (the CLI's early refusal)."""
    email = configured_email(settings)
    mail.check_settings(email, settings.secrets.smtp_password)
    return email


def already_sent(engine: Engine, week: str) -> bool:
    with transaction(engine) as session:
        return last_sent(session, week=week) is not None


def deliver_weekly(
    engine: Engine,
    settings: Settings,
    written: WrittenReport,
    *,
    lang: str | None = None,
    resend: bool = True,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryOutcome:
    """Send the written report; raises DeliveryFailed (recorded and alerted) when it was not."""
    email = configured_email(settings)
    week = written.week.label
    if not resend and already_sent(engine, week):
        return DeliveryOutcome(week, "skipped", len(email.recipients), 0, "already sent")
    message = report_email(written, email, lang or settings.config.report.lang)
    what = f"el informe semanal {week}"
    return deliver(engine, settings, message, week, what, written.directory, written.files, sleep)


def deliver_period(
    engine: Engine,
    settings: Settings,
    written: WrittenPeriodReport,
    *,
    lang: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryOutcome:
    """Send a written period report (always: it is sent on request); recorded in `deliveries`
    under the period's label (`2021-S1`), alerted and raised as DeliveryFailed when not sent."""
    email = configured_email(settings)
    message = period_email(written, email, lang or written.lang)
    label = written.report.period.label
    what = f"el informe del periodo {label}"
    return deliver(engine, settings, message, label, what, written.directory, written.files, sleep)


def deliver(
    engine: Engine,
    settings: Settings,
    message: EmailMessage,
    key: str,
    what: str,
    directory: Path,
    files: Sequence[Path],
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryOutcome:
    """Send `message`, record it in `deliveries` under `key` (a week or a period label), and
    alert and raise DeliveryFailed when it was not sent (the files stay in `directory`)."""
    email = configured_email(settings)
    recipients = len(email.recipients)
    with transaction(engine) as session:
        delivery_id = start_delivery(session, week=key, recipients=recipients)
    try:
        sent = mail.send(message, email, settings.secrets.smtp_password, sleep=sleep)
    except mail.MailError as error:
        outcome = DeliveryOutcome(key, "failed", recipients, error.attempts, error.reason)
    except mail.MailSettingsError as error:
        # Found before connecting (the CLI refuses it up front); the flow records and alerts it.
        outcome = DeliveryOutcome(key, "failed", recipients, 0, str(error))
    else:
        outcome = DeliveryOutcome(key, "sent", recipients, sent.attempts)
    with transaction(engine) as session:
        finish_delivery(
            session,
            delivery_id=delivery_id,
            status=outcome.status,
            attempts=outcome.attempts,
            reason=outcome.reason,
        )
    if outcome.status == "failed":
        notify(settings.config.health.webhook_url, failure_message(outcome, directory, files, what))
        raise DeliveryFailed(outcome)
    return outcome


def failure_message(
    outcome: DeliveryOutcome,
    directory: Path,
    files: Sequence[Path],
    what: str = "el informe semanal",
) -> dict[str, object]:
    """The webhook's JSON when the report could not be e-mailed (the files are on disk)."""
    text = (
        f"Pulso: {what} no se pudo enviar por correo "
        f"({outcome.attempts} intento(s)): {outcome.reason}. Los archivos están en "
        f"{directory}"
    )
    return {
        "text": text,
        "kind": "delivery",
        "week": outcome.week,
        "status": outcome.status,
        "attempts": outcome.attempts,
        "reason": outcome.reason,
        "directory": str(directory),
        "files": [p.name for p in files],
    }
