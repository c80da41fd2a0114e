"""Delivering the weekly report by e-mail, after its files are written.

The files come first and stay whatever the mail server does: a failed sending is retried
(flows/steps/mail.py), recorded in `deliveries` with its reason, and alerted through the
health webhook, and the caller learns it failed. Sending is an explicit act: `pulso report
weekly --send` always sends; the scheduled weekly flow sends a week only when no earlier
delivery of that week succeeded (its `resend` parameter sends again anyway).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Engine

from flows.steps import mail
from flows.steps.health import notify
from flows.steps.weekly import WrittenReport
from reports.mail import compose_email, email_subject, summary_text
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


def report_email(written: WrittenReport, email: EmailConfig, lang: str) -> EmailMessage:
    """The week's message: the report's HTML as body, its numbers as text, PDF and XLSX attached."""
    html_file = next((p for p in written.files if p.suffix.lower() == ".html"), None)
    if html_file is None:
        raise ValueError(f"no HTML report among the files written for {written.week.label}")
    attachments = [p for p in written.files if p.suffix.lower() in ATTACHED and p.is_file()]
    if written.report is not None:
        text = summary_text(written.report, lang, attachments)
    else:
        text = email_subject(written.week, lang) + "\n"
    return compose_email(
        subject=email_subject(written.week, lang),
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
    recipients = len(email.recipients)
    if not resend and already_sent(engine, week):
        return DeliveryOutcome(week, "skipped", recipients, 0, "already sent")
    message = report_email(written, email, lang or settings.config.report.lang)
    with transaction(engine) as session:
        delivery_id = start_delivery(session, week=week, recipients=recipients)
    try:
        sent = mail.send(message, email, settings.secrets.smtp_password, sleep=sleep)
    except mail.MailError as error:
        outcome = DeliveryOutcome(week, "failed", recipients, error.attempts, error.reason)
    except mail.MailSettingsError as error:
        # Found before connecting (the CLI refuses it up front); the flow records and alerts it.
        outcome = DeliveryOutcome(week, "failed", recipients, 0, str(error))
    else:
        outcome = DeliveryOutcome(week, "sent", recipients, sent.attempts)
    with transaction(engine) as session:
        finish_delivery(
            session,
            delivery_id=delivery_id,
            status=outcome.status,
            attempts=outcome.attempts,
            reason=outcome.reason,
        )
    if outcome.status == "failed":
        notify(settings.config.health.webhook_url, failure_message(outcome, written))
        raise DeliveryFailed(outcome)
    return outcome


def failure_message(outcome: DeliveryOutcome, written: WrittenReport) -> dict[str, object]:
    """The webhook's JSON when the report could not be e-mailed (the files are on disk)."""
    text = (
        f"Pulso: el informe semanal {outcome.week} no se pudo enviar por correo "
        f"({outcome.attempts} intento(s)): {outcome.reason}. Los archivos están en "
        f"{written.directory}"
    )
    return {
        "text": text,
        "kind": "delivery",
        "week": outcome.week,
        "status": outcome.status,
        "attempts": outcome.attempts,
        "reason": outcome.reason,
        "directory": str(written.directory),
        "files": [p.name for p in written.files],
    }
