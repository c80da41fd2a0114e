"""`pulso verify`: compute each stated figure with the rules of the answer that owns it.

followers_* -> `storage.growth.growth` (pulso growth); posts, interactions -> the activity
answer (pulso activity); mentions -> `storage.mention_reads.mention_rows` (pulso
mentions); free_press -> `value_days` (pulso valuate, before IVA). Each answer is computed
once per period (and outlet), however many rows ask about it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from importers.figures import FOLLOWER_INDICATORS, Claim, read_figures_file
from reports.answers.activity import WEB, Activity, activity
from reports.answers.verify import Check
from settings import Settings
from settings.model import Config
from storage.coverage_reads import value_days
from storage.db import session_factory
from storage.growth import Growth, growth
from storage.keys import handle_key, name_key
from storage.mention_reads import mention_counts
from storage.outlets import find_outlet
from valuation.free_press import Valuation

Span = tuple[date, date]


def _total(values: Sequence[int | None]) -> int | None:
    """A sum only when every part is known: a total over a missing figure is no figure."""
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


@dataclass
class Answers:
    """The answers a file's rows need, computed on first use and kept for the next row."""

    session: Session
    tz: ZoneInfo
    iva_rate: Any
    spans: dict[str, Span] = field(default_factory=dict)
    _cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def _get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def growth(self, span: Span) -> list[Growth]:
        make = partial(growth, self.session, from_=span[0], to=span[1])
        return list(self._get(("growth", span), make))

    def activity(self, span: Span) -> list[Activity]:
        make = partial(activity, self.session, from_=span[0], to=span[1], tz=self.tz)
        return list(self._get(("activity", span), make))

    def mentions(self, span: Span) -> dict[tuple[str, str | None], int]:
        make = partial(mention_counts, self.session, from_=span[0], to=span[1], tz=self.tz)
        found: dict[tuple[str, str | None], int] = self._get(("mentions", span), make)
        return found

    def outlet_known(self, name: str) -> bool:
        return bool(self._get(("outlet", name_key(name)), partial(find_outlet, self.session, name)))

    def subtotals(self, span: Span) -> Subtotals | None:
        found: Subtotals | None = self._get(
            ("subtotals", span), partial(subtotals, self.valuation(span), span)
        )
        return found

    def valuation(self, span: Span) -> Valuation:
        """The rows' whole span valued once (`value_days`, as `pulso valuate`); a period's
        figures are the sums of its items: each item's value depends on its own day only."""
        whole = self.spans.get("free_press", span)
        make = partial(value_days, self.session, *whole, iva_rate=self.iva_rate, tz=self.tz)
        found: Valuation = self._get(("valuation", whole), make)
        return found


def _followers(answers: Answers, claim: Claim, span: Span) -> int | None:
    items = [
        g
        for g in answers.growth(span)
        if (claim.platform is None or g.platform == claim.platform)
        and (handle_key(g.account) == handle_key(claim.account) if claim.account else g.own)
    ]
    if claim.indicator == "followers_start":
        return _total([g.start.followers if g.start else None for g in items])
    if claim.indicator == "followers_end":
        return _total([g.end.followers if g.end else None for g in items])
    return _total([g.change for g in items])


def _posts(answers: Answers, claim: Claim, span: Span) -> int | None:
    """As `pulso activity` counts them: own accounts (and the own portal, `web`)."""
    items = [
        a
        for a in answers.activity(span)
        if (claim.platform is None or a.platform == claim.platform)
        and (claim.account is None or _same_account(a, claim.account))
    ]
    if not items:
        return None
    if claim.indicator == "posts":
        return sum(a.posts for a in items)
    known = [a.interactions for a in items if a.interactions is not None]
    return sum(known) if known else None


def _same_account(item: Activity, account: str) -> bool:
    if item.platform == WEB:
        return name_key(item.account) == name_key(account)
    return handle_key(item.account) == handle_key(account)


def _mentions(answers: Answers, claim: Claim, span: Span) -> int | None:
    if claim.account and not answers.outlet_known(claim.account):
        return None
    key = name_key(claim.account) if claim.account else None
    return sum(
        count
        for (outlet, medium), count in answers.mentions(span).items()
        if (key is None or outlet == key) and (claim.platform is None or medium == claim.platform)
    )


@dataclass(frozen=True, slots=True)
class Subtotals:
    """A period's free press before IVA: the total, per outlet (name key) and per medium."""

    total: int
    by_outlet: dict[str, int]
    by_medium: dict[str, int]


def subtotals(valuation: Valuation, span: Span) -> Subtotals | None:
    """The items of `valuation` aired in `span`, summed; None when there is none."""
    total, found = 0, False
    by_outlet: dict[str, int] = defaultdict(int)
    by_medium: dict[str, int] = defaultdict(int)
    for valued in valuation.items:
        if span[0] <= valued.item.aired_on <= span[1]:
            found = True
            total += valued.value_cop
            by_outlet[name_key(valued.rate.outlet)] += valued.value_cop
            by_medium[valued.rate.medium] += valued.value_cop
    return Subtotals(total, dict(by_outlet), dict(by_medium)) if found else None


def _free_press(answers: Answers, claim: Claim, span: Span) -> int | None:
    sums = answers.subtotals(span)
    if sums is None:
        return None
    if claim.account:
        return sums.by_outlet.get(name_key(claim.account))
    if claim.platform:
        return sums.by_medium.get(claim.platform)
    return sums.total


def _union(claims: Sequence[Claim], indicator: str) -> dict[str, Span]:
    spans = [(c.start, c.end) for c in claims if c.indicator == indicator]
    if not spans:
        return {}
    return {indicator: (min(s[0] for s in spans), max(s[1] for s in spans))}


def compute(answers: Answers, claim: Claim) -> int | None:
    span = (claim.start, claim.end)
    if claim.indicator in FOLLOWER_INDICATORS:
        return _followers(answers, claim, span)
    if claim.indicator in ("posts", "interactions"):
        return _posts(answers, claim, span)
    if claim.indicator == "mentions":
        return _mentions(answers, claim, span)
    return _free_press(answers, claim, span)


def check_claims(session: Session, claims: Sequence[Claim], config: Config) -> list[Check]:
    answers = Answers(session, config.tz, config.valuation.iva_rate, _union(claims, "free_press"))
    return [
        Check(
            c.row, c.indicator, c.platform, c.account, c.start, c.end, c.stated, compute(answers, c)
        )
        for c in claims
    ]


def verify_file(engine: Engine, settings: Settings, path: Path) -> list[Check]:
    """Validate the whole file (FiguresRejected lists every problem), then check each row."""
    claims = read_figures_file(path)
    with session_factory(engine)() as session:
        return check_claims(session, claims, settings.config)
