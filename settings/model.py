"""The typed configuration: what `pulso.toml` may say, with defaults for everything optional.

Every section has defaults so that an older config keeps loading when a field is added.
Validation happens here (pydantic); settings/load.py turns its errors into one line each.
What each platform adds (its name, `[api]` keys, credentials) is read from the platform
registry (collectors/registry.py), so a new platform needs no line here.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from decimal import Decimal
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    create_model,
    field_validator,
    model_validator,
)

from collectors import registry
from collectors.metrics import DEFAULT_METRICS
from collectors.platform import Option

log = logging.getLogger("pulso.settings")

# Pydantic looks for plugins in every installed distribution's entry points when the first
# model class is built: a scan of the whole environment (about a sixth of reading settings at
# start-up) for plugins Pulso does not use. An operator who wants one sets the variable (to
# "" for all of them) and this leaves it alone.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

Medium = Literal["tv", "radio", "print", "web"]
PLATFORM_NAMES: tuple[str, ...] = registry.PLATFORM_NAMES

# The registry's names as a Literal, so an unknown platform fails validation (mypy sees str).
if TYPE_CHECKING:
    Platform = str
else:
    Platform = Literal[PLATFORM_NAMES]


class _Section(BaseModel):
    # An unknown key is almost always a typo that would silently do nothing.
    model_config = ConfigDict(extra="forbid", frozen=True)


class AccountConfig(_Section):
    platform: Platform
    handle: str = Field(min_length=1)
    id: str | None = None
    name: str | None = None
    own: bool = True
    # Default on; for a peer on a platform whose post reads are paid (X) default off: reading
    # a peer's posts there costs money, so it takes a written `collect_posts = true`.
    collect_posts: bool = True

    @model_validator(mode="before")
    @classmethod
    def _paid_peer_posts_opt_in(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "collect_posts" in data or data.get("own", True):
            return data
        known = registry.BY_NAME.get(str(data.get("platform")))
        if known is None or known.paid_reads is None:
            return data
        return {**data, "collect_posts": False}

    @field_validator("handle")
    @classmethod
    def _handle_not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("handle must not be blank")
        return value

    @field_validator("name")
    @classmethod
    def _name_or_none(cls, value: str | None) -> str | None:
        # A blank name falls back to the handle (reports/names.py).
        return " ".join(value.split()) or None if value is not None else None


class MentionsConfig(_Section):
    terms: list[str] = Field(default_factory=list)
    # term -> phrases containing it that are not about the office (e.g. a homonymous place).
    exclusions: dict[str, list[str]] = Field(default_factory=dict)
    # term -> other spellings that count as that term (e.g. "Alcaldía Distrital de Cali").
    aliases: dict[str, list[str]] = Field(default_factory=dict)


class OutletConfig(_Section):
    name: str = Field(min_length=1)
    medium: Medium
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    pages: list[str] = Field(default_factory=list)
    link_selector: str | None = None
    enabled: bool = True
    # The office's own portal: collected like any outlet, its items are the office's web
    # publications (platform "web" in activity and targets), never mentions nor free press.
    own: bool = False


WEB_TARGET = "web"  # the office's own portal (outlets with `own = true`)
_TARGET_TABLES = ("monthly", "formula")


class TargetsConfig(_Section):
    """`[targets]`: yearly publishing goals per platform (and `web`, the own portal), each
    year alike; `[targets.monthly]` 12 monthly goals per target (summing to the year's goal),
    linear when absent; `[targets.formula]` the indicator as the plan words it."""

    goals: dict[str, int] = Field(default_factory=dict)
    monthly: dict[str, list[int]] = Field(default_factory=dict)
    formula: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        # pulso.toml writes goals as plain keys of [targets] beside its sub-tables.
        if not isinstance(data, dict) or "goals" in data:
            return data
        tables = {k: v for k, v in data.items() if k in _TARGET_TABLES}
        return {"goals": {k: v for k, v in data.items() if k not in _TARGET_TABLES}, **tables}

    @model_validator(mode="after")
    def _consistent(self) -> TargetsConfig:
        known = (*PLATFORM_NAMES, WEB_TARGET)
        for table, names in (
            ("", self.goals),
            ("monthly.", self.monthly),
            ("formula.", self.formula),
        ):
            for name in names:
                if name not in known:
                    raise ValueError(
                        f"targets.{table}{name}: unknown target (one of {', '.join(known)})"
                    )
        for name, goal in self.goals.items():
            if goal < 0:
                raise ValueError(f"targets.{name}: a goal cannot be negative ({goal})")
        for name, months in self.monthly.items():
            self._check_months(name, months)
        return self

    def _check_months(self, name: str, months: list[int]) -> None:
        where = f"targets.monthly.{name}"
        if name not in self.goals:
            raise ValueError(f"{where}: no yearly goal targets.{name} to schedule")
        if len(months) != 12 or any(m < 0 for m in months):
            raise ValueError(f"{where}: 12 monthly goals, none negative (got {len(months)})")
        if sum(months) != self.goals[name]:
            raise ValueError(
                f"{where}: the months sum to {sum(months)}, the yearly goal is {self.goals[name]}"
            )

    def __bool__(self) -> bool:
        """Read like the plain table it replaced: no goals is "no targets"."""
        return bool(self.goals)

    def items(self) -> list[tuple[str, int]]:
        return list(self.goals.items())

    def get(self, name: str) -> int | None:
        return self.goals.get(name)

    def __getitem__(self, name: str) -> int:
        return self.goals[name]


class ApiOptions(_Section):
    """`[api]`: one key per `Option` the platforms declare (collectors/<platform>/platform.py)."""

    def options(self) -> dict[str, Any]:
        return self.model_dump()


def _field(option: Option) -> tuple[Any, Any]:
    kind = option.kind if option.default is not None else option.kind | None
    return kind, Field(default=option.default, ge=option.minimum)


# mypy sees the base class; at run time the model has every platform's keys.
if TYPE_CHECKING:
    ApiConfig = ApiOptions
else:
    ApiConfig = create_model(
        "ApiConfig",
        __base__=ApiOptions,
        **{option.name: _field(option) for option in registry.options()},
    )


class HttpConfig(_Section):
    connect_timeout_s: float = Field(default=10.0, gt=0)
    read_timeout_s: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=3, ge=0)
    max_wait_s: float = Field(default=60.0, ge=0)
    # Backoff between retries of a network error or 5xx: full jitter up to base × 2^attempt,
    # capped. Raise both for a night that should outlast a platform's minutes-long outage.
    backoff_base_s: float = Field(default=0.5, gt=0)
    backoff_cap_s: float = Field(default=30.0, gt=0)
    max_response_bytes: int = Field(default=5_000_000, gt=0)
    per_host_delay_s: float = Field(default=1.0, ge=0)
    # The whole request (connect, headers, body, redirects) must finish within this.
    total_timeout_s: float = Field(default=60.0, gt=0)
    contact: str = "comunicaciones@cali.gov.co"
    # Hosts (as written in URLs, optionally host:port) that may resolve to internal addresses:
    # an intranet feed the office monitors. Every other host pointing inside is refused.
    allow_hosts: list[str] = Field(default_factory=list)

    @field_validator("allow_hosts")
    @classmethod
    def _hosts_not_urls(cls, value: list[str]) -> list[str]:
        for entry in value:
            if not _is_host(entry):
                raise ValueError(
                    f"{entry!r} is not a host: write it as in a URL, e.g. 'intranet.cali.gov.co' "
                    "or 'intranet.cali.gov.co:8080'"
                )
        return [entry.strip() for entry in value]


def _is_host(entry: str) -> bool:
    """`host` or `host:port` as a URL writes it (`[::1]:8080` for IPv6)."""
    if not entry.strip() or any(c in entry for c in "/@?#"):
        return False
    try:
        parts = urlsplit("//" + entry.strip())
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return False
    return bool(parts.hostname)


class NewsConfig(_Section):
    # A page that failed on this many nights is no longer fetched, and the weekly report lists it.
    give_up_after: int = Field(default=3, ge=1)


class ScheduleConfig(_Section):
    nightly_cron: str = "0 2 * * *"
    weekly_cron: str = "0 6 * * 1"


class CollectionConfig(_Section):
    """How sources run, by `pulso collect` and the nightly flow alike: per-platform slots.

    Retries and waits are not here: the HTTP policy (`[http] max_retries`, `max_wait_s`)
    decides them for every request of every caller.
    """

    # No longer used (the nightly flow retried whole sources on top of the HTTP policy);
    # still accepted so an older pulso.toml keeps loading, with a warning.
    retries: int | None = Field(default=None, ge=0)
    retry_delays_s: list[float] | None = None
    max_workers: int = Field(default=8, ge=1)
    limits: dict[str, int] = Field(
        default_factory=lambda: {
            **{platform.name: platform.concurrency for platform in registry.PLATFORMS},
            "news": 4,
        }
    )
    # A staging or training install runs the real schedule on recorded answers (never the
    # network); relative to the config file's folder.
    replay_dir: str | None = None

    @model_validator(mode="after")
    def _warn_unused_retries(self) -> CollectionConfig:
        if self.retries is not None or self.retry_delays_s is not None:
            log.warning(
                "[collection] retries and retry_delays_s are no longer used: every request is "
                "retried by the HTTP policy ([http] max_retries, max_wait_s); remove them"
            )
        return self


class HealthConfig(_Section):
    stale_after_nights: int = Field(default=2, ge=1)
    token_warning_days: int = Field(default=10, ge=0)
    webhook_url: str | None = None
    # platform -> the day its token expires, as noted when it was created (Meta: ~60 days).
    token_expires_on: dict[str, date] = Field(default_factory=dict)


class ValuationConfig(_Section):
    iva_rate: Decimal = Decimal("0.19")


class ReportConfig(_Section):
    out_dir: str = "reports"
    lang: Literal["es", "en"] = "es"


class EmailConfig(_Section):
    """`[email]`: where the weekly report is sent. The password only from PULSO_SMTP_PASSWORD."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    smtp_host: str = Field(min_length=1)
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    # starttls: plain connection upgraded (port 587); ssl: TLS from the start (465); none: only
    # for a relay on the same machine or network (port 25).
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    from_: str = Field(alias="from", min_length=3)
    to: list[str] = Field(min_length=1)
    cc: list[str] = Field(default_factory=list)
    # A relay with the office's own certificate authority: its PEM file (else the system's).
    ca_file: str | None = None
    timeout_s: float = Field(default=30.0, gt=0)
    # A refused connection or a 4xx answer is tried again, this many times in all, with
    # backoff_s, 2 × backoff_s ... between them (a 5xx answer or bad credentials are final).
    attempts: int = Field(default=3, ge=1, le=10)
    backoff_s: float = Field(default=30.0, ge=0)
    # The weekly flow sends each week once; `pulso report weekly --send` always sends.
    send_weekly: bool = True

    @field_validator("from_")
    @classmethod
    def _from_address(cls, value: str) -> str:
        return _address(value, "from")

    @field_validator("to", "cc")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        return [_address(entry, "recipient") for entry in value]

    @property
    def port(self) -> int:
        return self.smtp_port or {"ssl": 465, "starttls": 587}.get(self.security, 25)

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc]


def _address(value: str, what: str) -> str:
    """A plain or named address ("Oficina <a@b.co>"); no line breaks (header injection)."""
    value = value.strip()
    _name, address = parseaddr(value)
    local, _, domain = address.rpartition("@")
    if any(c in value for c in "\r\n") or not local or "." not in domain or " " in address:
        raise ValueError(f"{value!r} is not an e-mail address ({what}), e.g. 'prensa@cali.gov.co'")
    return value


class AlertsConfig(_Section):
    """`[alerts]`: when a day's mentions count as a spike worth a warning."""

    # A day is a spike when its mentions exceed the trailing mean by this many standard
    # deviations and reach at least `spike_min_count`.
    spike_sigma: float = Field(default=3.0, gt=0)
    spike_min_count: int = Field(default=5, ge=1)
    spike_window_days: int = Field(default=28, ge=7)
    # Fewer days of history than this (since the first mention) and no spike is called.
    spike_min_history_days: int = Field(default=7, ge=1)
    top_stories: int = Field(default=5, ge=1)


class CampaignConfig(_Section):
    """`[[campaigns]]`: own posts carrying its hashtags or terms, news mentions with its terms.

    Hashtags are written with or without '#', matched as whole tags; terms as phrases on word
    boundaries; both case- and accent-insensitively. `to` absent: the campaign is running.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(min_length=1)
    hashtags: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)
    from_: date = Field(alias="from")
    to: date | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a campaign's name must not be blank")
        return value

    @field_validator("hashtags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        tags = [tag.strip().lstrip("#") for tag in value]
        bad = [tag for tag in tags if not tag or not all(c.isalnum() or c == "_" for c in tag)]
        if bad:
            raise ValueError(
                f"not a hashtag: {', '.join(repr(b) for b in bad)} (letters, digits and _ only)"
            )
        return list(dict.fromkeys(tags))

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str]) -> list[str]:
        terms = [" ".join(term.split()) for term in value]
        if any(not term for term in terms):
            raise ValueError("a campaign term must not be blank")
        return list(dict.fromkeys(terms))

    @model_validator(mode="after")
    def _consistent(self) -> CampaignConfig:
        if not self.hashtags and not self.terms:
            raise ValueError(f"campaign {self.name!r}: give at least one hashtag or term")
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"campaign {self.name!r}: to {self.to} is before from {self.from_}")
        return self


class PeerConfig(_Section):
    """`[[peers]]`: another office the press writes about (e.g. "Alcaldía de Medellín"): its
    news `terms` are matched in the same outlets, tagged with its name, and give the share of
    voice; never the office's mentions nor free press."""

    name: str = Field(min_length=1)
    terms: list[str] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a peer's name must not be blank")
        return value

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str]) -> list[str]:
        terms = [" ".join(term.split()) for term in value]
        if any(not term for term in terms):
            raise ValueError("a peer's term must not be blank")
        return list(dict.fromkeys(terms))


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def _metrics(kind: str) -> Any:
    return Field(default_factory=lambda: list(DEFAULT_METRICS[kind]))


class InsightsConfig(_Section):
    """`[insights]`: Graph API metric names per kind, so a retired metric is a config change."""

    enabled: bool = True
    facebook_page: list[str] = _metrics("facebook_page")
    facebook_post: list[str] = _metrics("facebook_post")
    facebook_video: list[str] = _metrics("facebook_video")
    instagram_account: list[str] = _metrics("instagram_account")
    instagram_media: list[str] = _metrics("instagram_media")
    # Live broadcasts started within this many days get their total views read each night.
    live_days: int = Field(default=30, ge=0)

    @field_validator(
        "facebook_page", "facebook_post", "facebook_video", "instagram_account", "instagram_media"
    )
    @classmethod
    def _metric_names(cls, value: list[str]) -> list[str]:
        names = [name.strip() for name in value]
        bad = [name for name in names if not name or not name.replace("_", "").isalnum()]
        if bad:
            raise ValueError(f"not a metric name: {', '.join(repr(b) for b in bad)}")
        return list(dict.fromkeys(names))


class Config(_Section):
    timezone: str = "America/Bogota"
    locale: str = "es_CO"
    # The office's name and logo on the weekly report's cover; the logo is a PNG, JPEG or SVG
    # file (relative to pulso.toml's folder), embedded so the report stays one file.
    organization: str | None = None
    logo: str | None = None
    accounts: list[AccountConfig] = Field(default_factory=list)
    mentions: MentionsConfig = Field(default_factory=MentionsConfig)
    outlets: list[OutletConfig] = Field(default_factory=list)
    targets: TargetsConfig = Field(default_factory=TargetsConfig)
    api: ApiConfig = Field(default_factory=ApiConfig)
    http: HttpConfig = Field(default_factory=HttpConfig)
    news: NewsConfig = Field(default_factory=NewsConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)
    collection: CollectionConfig = Field(default_factory=CollectionConfig)
    valuation: ValuationConfig = Field(default_factory=ValuationConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    email: EmailConfig | None = None
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    insights: InsightsConfig = Field(default_factory=InsightsConfig)
    campaigns: list[CampaignConfig] = Field(default_factory=list)
    peers: list[PeerConfig] = Field(default_factory=list)

    @field_validator("peers")
    @classmethod
    def _unique_peers(cls, value: list[PeerConfig]) -> list[PeerConfig]:
        names = [peer.name.casefold() for peer in value]
        for peer in value:
            if names.count(peer.name.casefold()) > 1:
                raise ValueError(f"peer {peer.name!r} is named twice")
        return value

    @field_validator("campaigns")
    @classmethod
    def _unique_campaigns(cls, value: list[CampaignConfig]) -> list[CampaignConfig]:
        seen: set[str] = set()
        for campaign in value:
            key = campaign.name.casefold()
            if key in seen:
                raise ValueError(f"campaign {campaign.name!r} is named twice")
            seen.add(key)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. 'America/Bogota')") from None
        return value

    @field_validator("organization")
    @classmethod
    def _organization_or_none(cls, value: str | None) -> str | None:
        return " ".join(value.split()) or None if value is not None else None

    @field_validator("logo")
    @classmethod
    def _logo_image(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.strip().lower().endswith(LOGO_SUFFIXES):
            raise ValueError(f"{value!r} is not a logo image: give a .png, .jpg or .svg file")
        return value.strip()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def lang(self) -> str:
        return "es" if self.locale.lower().startswith("es") else "en"


class PulsoSecrets(BaseModel):
    """Credentials, from the environment only; SecretStr keeps them out of reprs and logs.

    Besides the two below, `Secrets` has one field per platform credential (the registry's
    `Credential`s).
    """

    model_config = ConfigDict(frozen=True)

    dashboard_password_hash: SecretStr | None = None
    database_password: SecretStr | None = None
    smtp_password: SecretStr | None = None

    def all_values(self) -> list[str]:
        """Every secret's clear value, to register for redaction."""
        values = []
        for name in type(self).model_fields:
            field = getattr(self, name)
            if isinstance(field, SecretStr):
                values.append(field.get_secret_value())
        return [v for v in values if v]

    def credentials(self) -> dict[str, str]:
        """The platform credentials that are set, in clear, for the platforms' builders."""
        values = {}
        for credential in registry.credentials():
            value = getattr(self, credential.name, None)
            clear = value.get_secret_value() if isinstance(value, SecretStr) else value
            if clear:
                values[credential.name] = clear
        return values


# mypy sees the base class; at run time the model has every platform's credentials.
if TYPE_CHECKING:
    Secrets = PulsoSecrets
else:
    Secrets = create_model(
        "Secrets",
        __base__=PulsoSecrets,
        **{c.name: ((SecretStr if c.secret else str) | None, None) for c in registry.credentials()},
    )


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    config: Config
    secrets: Secrets
    config_path: Path
    config_found: bool
    database_url: str
    data_dir: Path
    # Recorded answers every collection replays instead of the network (None: the network).
    replay_dir: Path | None = None
