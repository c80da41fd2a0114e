"""The nightly spike check: find the day's coverage spikes, record each once, alert it.

The night checks the last complete Bogotá day (the day before the night's own day): at 02:00
the night's day has barely begun. A spike is recorded (key + day, unique) before its alert goes
out, so re-runs of the same night, or two workers, never alert it twice. Alerts go to the
health webhook and, where `[email]` is configured, by e-mail to the same recipients as the
weekly report. Nothing here fails the night: a broken check or alert is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from collectors.errors import redact
from flows.steps import mail
from flows.steps.health import notify
from reports.campaigns import campaign_groups
from reports.mail import compose_email
from reports.queries.spikes import first_collected_day, window_mentions
from reports.spikes import (
    SpikeFinding,
    SpikeRule,
    StoryLine,
    count_groups,
    find_spikes,
    group_name,
    spike_html,
    spike_summary,
    spike_text,
    term_groups,
    top_stories,
)
from settings import Settings
from storage.db import transaction
from storage.spikes import claim_spike

log = logging.getLogger("pulso.spikes")


@dataclass(frozen=True, slots=True)
class SpikeAlert:
    finding: SpikeFinding
    stories: tuple[StoryLine, ...]


def rule_of(settings: Settings) -> SpikeRule:
    alerts = settings.config.alerts
    return SpikeRule(
        sigma=alerts.spike_sigma,
        min_count=alerts.spike_min_count,
        window_days=alerts.spike_window_days,
        min_history_days=alerts.spike_min_history_days,
    )


def check_spikes(engine: Engine, settings: Settings, day: date) -> list[SpikeAlert]:
    """The spikes of `day` not recorded before, now recorded (each is alerted once)."""
    rule = rule_of(settings)
    groups = term_groups(settings.config.mentions.terms) | campaign_groups(
        settings.config.campaigns, day
    )
    limit = settings.config.alerts.top_stories
    with transaction(engine) as session:
        first = first_collected_day(session)
        start = day - timedelta(days=rule.window_days)
        mentions = window_mentions(session, start, day, settings.config.tz)
        found = find_spikes(count_groups(mentions, groups), day=day, first_day=first, rule=rule)
        new = []
        for finding in found:
            stories = tuple(top_stories(mentions, groups[finding.key], day, limit))
            if claim_spike(
                session,
                key=finding.key,
                day=finding.day,
                count=finding.count,
                mean=round(finding.mean, 3),
                sd=round(finding.sd, 3),
                stories=[s.as_json() for s in stories],
            ):
                new.append(SpikeAlert(finding, stories))
    return new


def spike_message(alert: SpikeAlert, lang: str) -> dict[str, Any]:
    """The webhook's JSON: a readable `text`, and the numbers and stories behind it."""
    f = alert.finding
    return {
        "text": "Pulso: " + spike_summary(f, lang),
        "kind": "spike",
        "key": f.key,
        "group": group_name(f.key, lang),
        "day": f.day.isoformat(),
        "count": f.count,
        "mean": round(f.mean, 2),
        "sd": round(f.sd, 2),
        "stories": [s.as_json() for s in alert.stories],
    }


def email_alert(
    settings: Settings, alert: SpikeAlert, lang: str, sleep: Callable[[float], None]
) -> bool:
    email = settings.config.email
    if email is None:
        return False
    message = compose_email(
        subject="Pulso: " + spike_summary(alert.finding, lang).split(":")[0],
        sender=email.from_,
        to=email.to,
        cc=email.cc,
        html=spike_html(alert.finding, alert.stories, lang),
        text=spike_text(alert.finding, alert.stories, lang),
    )
    try:
        mail.send(message, email, settings.secrets.smtp_password, sleep=sleep)
    except (mail.MailError, mail.MailSettingsError) as error:
        log.warning("spike alert e-mail not sent: %s", redact(str(error)))
        return False
    return True


def alert_spikes(
    settings: Settings,
    alerts: list[SpikeAlert],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """One webhook call and one e-mail per spike; a failing channel is logged, never raised."""
    lang = settings.config.report.lang
    for alert in alerts:
        notify(settings.config.health.webhook_url, spike_message(alert, lang))
        email_alert(settings, alert, lang, sleep)


def night_spikes(engine: Engine, settings: Settings, night_day: date) -> list[SpikeAlert]:
    """The nightly flow's call: check the day before the night's day; never raises."""
    try:
        return check_spikes(engine, settings, night_day - timedelta(days=1))
    except Exception as error:  # noqa: BLE001 - a spike check must not fail the night's data
        log.warning("spike check failed: %s", redact(f"{type(error).__name__}: {error}"))
        return []
