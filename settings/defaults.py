"""What the reading commands ask of the configuration, answered without pydantic when there is
no pulso.toml.

`pulso mentions`, `activity`, `share` and `valuate` read four things of it: the time zone, the
language, the peers and the IVA rate. Without a file (and without PULSO_CONFIG) those are
Config()'s defaults, which building the validated model (pydantic and every section's class)
would cost such a command about as much as its query to learn. With a file, the validated
Config answers: only pydantic decides whether a file is valid, and says how it is not.
tests/settings_tests/test_defaults.py checks each answer here against Config().
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from settings.model import PeerConfig


class ValuationPart(Protocol):
    @property
    def iva_rate(self) -> Decimal: ...


class ReadingConfig(Protocol):
    """The part of Config the reading commands use (Config itself is one)."""

    @property
    def timezone(self) -> str: ...

    @property
    def locale(self) -> str: ...

    @property
    def tz(self) -> ZoneInfo: ...

    @property
    def lang(self) -> str: ...

    @property
    def peers(self) -> Sequence[PeerConfig]: ...

    @property
    def valuation(self) -> ValuationPart: ...


@dataclass(frozen=True)
class DefaultValuation:
    iva_rate: Decimal = Decimal("0.19")


@dataclass(frozen=True)
class DefaultConfig:
    """Config()'s answers to the reading commands' questions."""

    timezone: str = "America/Bogota"
    locale: str = "es_CO"
    peers: tuple[PeerConfig, ...] = ()
    valuation: DefaultValuation = field(default_factory=DefaultValuation)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def lang(self) -> str:
        return "es" if self.locale.lower().startswith("es") else "en"


def without_file(env: Mapping[str, str]) -> bool:
    """No configuration file to read: load_settings would use Config() (settings/load.py)."""
    return not env.get("PULSO_CONFIG") and not Path("./pulso.toml").is_file()
