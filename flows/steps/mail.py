"""Sending a message through the office's SMTP server (stdlib smtplib), with bounded retries.

The retry rule is the project's (collectors/retry.py) applied to SMTP: what may pass on a
second try (a refused or dropped connection, a timeout, a 4xx "try later" answer) is tried
again after a growing wait, at most `[email] attempts` times in all; what will not (a 5xx
refusal, bad credentials, a server that does not offer STARTTLS, a certificate that does not
verify) fails at once. The password comes only from PULSO_SMTP_PASSWORD and is redacted from
every reason recorded or logged.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr

from pydantic import SecretStr

from collectors.errors import redact, register_secret
from settings.model import EmailConfig

log = logging.getLogger("pulso.mail")


class MailError(Exception):
    """The message was not sent; `reason` says why in one line, `attempts` how often we tried."""

    def __init__(self, reason: str, attempts: int, *, final: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts
        self.final = final


class MailSettingsError(Exception):
    """`[email]` cannot work as written (e.g. a username without PULSO_SMTP_PASSWORD)."""


@dataclass(frozen=True, slots=True)
class Sent:
    attempts: int
    recipients: int


def check_settings(email: EmailConfig, password: SecretStr | None) -> None:
    """Refuse what would fail on every attempt, or leak the password, before connecting."""
    if email.username and password is None:
        raise MailSettingsError(
            "[email] username is set but PULSO_SMTP_PASSWORD is not: set the password in the "
            "environment (never in pulso.toml)"
        )
    if email.username and email.security == "none":
        raise MailSettingsError(
            '[email] security = "none" would send the SMTP password in clear: use "starttls" '
            'or "ssl", or remove username for a relay that needs no login'
        )


def tls_context(email: EmailConfig) -> ssl.SSLContext:
    """Verified TLS; `ca_file` trusts an internal relay's own certificate authority."""
    return ssl.create_default_context(cafile=email.ca_file)


def _connect(email: EmailConfig) -> smtplib.SMTP:
    if email.security == "ssl":
        return smtplib.SMTP_SSL(
            email.smtp_host, email.port, timeout=email.timeout_s, context=tls_context(email)
        )
    client = smtplib.SMTP(email.smtp_host, email.port, timeout=email.timeout_s)
    if email.security == "starttls":
        try:
            client.starttls(context=tls_context(email))
        except BaseException:
            client.close()
            raise
    return client


def send_once(message: EmailMessage, email: EmailConfig, password: SecretStr | None) -> None:
    """One connection, one message; raises smtplib's or the socket's error as it comes."""
    with _connect(email) as client:
        if email.username and password is not None:
            client.login(email.username, password.get_secret_value())
        recipients = [_bare(address) for address in email.recipients]
        client.send_message(message, from_addr=_bare(email.from_), to_addrs=recipients)


def _bare(address: str) -> str:
    return parseaddr(address)[1]


def is_transient(error: BaseException) -> bool:
    """Whether trying again later may help: network trouble and 4xx answers, nothing else."""
    if isinstance(error, ssl.SSLError | ssl.CertificateError | smtplib.SMTPNotSupportedError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | OSError)


def describe(error: BaseException) -> str:
    """One line for the office and the log, without the password."""
    if isinstance(error, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(error):
        text = "the server does not offer STARTTLS; Pulso does not send in clear"
    elif isinstance(error, smtplib.SMTPNotSupportedError):
        text = f"the server does not support what Pulso needs: {error}"
    elif isinstance(error, smtplib.SMTPAuthenticationError):
        text = f"the server refused the username or password ({error.smtp_code})"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "recipients refused: " + ", ".join(
            f"{who} ({code})" for who, (code, _) in error.recipients.items()
        )
    elif isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        answer = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        text = f"the server answered {error.smtp_code} {answer}".strip()
    elif isinstance(error, ConnectionRefusedError):
        text = "connection refused"
    elif isinstance(error, TimeoutError):
        text = "no answer within the timeout"
    else:
        text = f"{type(error).__name__}: {error}"
    return redact(" ".join(text.split()))


def send(
    message: EmailMessage,
    email: EmailConfig,
    password: SecretStr | None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Sent:
    """Send, retrying what is transient; raises MailError with the last reason otherwise."""
    check_settings(email, password)
    if password is not None:
        register_secret(password.get_secret_value())
    where = f"{email.smtp_host}:{email.port}"
    for attempt in range(1, email.attempts + 1):
        try:
            send_once(message, email, password)
            return Sent(attempt, len(email.recipients))
        except (smtplib.SMTPException, OSError) as error:
            reason = f"{where}: {describe(error)}"
            if not is_transient(error) or attempt == email.attempts:
                raise MailError(reason, attempt, final=not is_transient(error)) from None
            wait = email.backoff_s * (2 ** (attempt - 1))
            log.warning("e-mail attempt %d failed (%s); again in %.0f s", attempt, reason, wait)
            sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")
