"""A period against the one before it and the same dates a year earlier, per account (pure).

Periods are a week (Monday to Sunday), a calendar month, a calendar quarter, the year to date
or custom dates. Without a chosen day the last complete week, month or quarter is shown: what
the office reports on a Monday.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pulso.dashboard.params import BadParam, field, quarter_start, same_day_last_year
from storage.growth import Growth

KINDS = ("week", "month", "quarter", "ytd", "custom")


@dataclass(frozen=True, slots=True)
class Periods:
    start: date
    end: date
    prev_start: date  # the same dates a year earlier
    prev_end: date
    before_start: date | None = None  # the period just before (same kind, or same length)
    before_end: date | None = None
    kind: str = "custom"


@dataclass(frozen=True, slots=True)
class Compared:
    platform: str
    account: str
    current: Growth | None
    previous: Growth | None  # the same dates a year earlier
    prior: Growth | None = None  # the period just before

    @property
    def own(self) -> bool:
        """The office's own account (peers are listed after them, as a benchmark)."""
        return all(g.own for g in (self.current, self.previous, self.prior) if g is not None)

    @property
    def difference(self) -> int | None:
        """How many more (or fewer) new followers than over the same dates last year."""
        return _difference(self.current, self.previous)

    @property
    def difference_prior(self) -> int | None:
        """How many more (or fewer) new followers than in the period just before."""
        return _difference(self.current, self.prior)


def _difference(now: Growth | None, then: Growth | None) -> int | None:
    if now is None or then is None or now.change is None or then.change is None:
        return None
    return now.change - then.change


def kind(value: str | None, has_dates: bool) -> str:
    chosen = (value or "").strip() or ("custom" if has_dates else "ytd")
    if chosen not in KINDS:
        known = ", ".join(KINDS)
        raise BadParam(
            f"period: unknown period {chosen!r} (expected one of {known})",
            f"{field('period')}: periodo desconocido {chosen!r} (uno de {known})",
        )
    return chosen


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def span_of(kind_: str, day: date) -> tuple[date, date]:
    """The week, month or quarter containing `day`."""
    if kind_ == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if kind_ == "month":
        return _month_start(day), _next_month(day) - timedelta(days=1)
    start = quarter_start(day)
    return start, _next_month(_next_month(_next_month(start))) - timedelta(days=1)


def last_complete(kind_: str, today: date) -> tuple[date, date]:
    """The last week, month or quarter that ended before today."""
    start, _ = span_of(kind_, today)
    return span_of(kind_, start - timedelta(days=1))


def before(kind_: str, start: date, end: date) -> tuple[date, date]:
    """The period just before: the previous week/month/quarter, else as many days before."""
    if kind_ in ("week", "month", "quarter"):
        return span_of(kind_, start - timedelta(days=1))
    length = (end - start).days + 1
    if start.toordinal() - length < 1:
        raise BadParam(
            f"{start.isoformat()} has no period before it to compare with",
            f"{start.day:02d}/{start.month:02d}/{start.year:04d} no tiene un periodo anterior "
            "con el cual comparar",
        )
    return start - timedelta(days=length), start - timedelta(days=1)


def periods(start: date, end: date, kind_: str = "custom") -> Periods:
    prior: tuple[date | None, date | None] = (None, None)
    try:
        if kind_ != "ytd":  # the year so far has no 'period before' but last year's
            prior = before(kind_, start, end)
    except (BadParam, OverflowError, ValueError):
        pass  # the first days of the calendar: only last year's comparison is refused loudly
    return Periods(
        start,
        end,
        same_day_last_year(start),
        same_day_last_year(end),
        prior[0],
        prior[1],
        kind_,
    )


def choose(kind_: str, start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The compared period from the page's choices (dates already validated)."""
    if kind_ in ("week", "month", "quarter"):
        chosen = end or start
        return span_of(kind_, chosen) if chosen else last_complete(kind_, today)
    last = end or today
    return start or date(last.year, 1, 1), last


def pair(
    current: Sequence[Growth], previous: Sequence[Growth], prior: Sequence[Growth] = ()
) -> list[Compared]:
    """Accounts from any period, in the current period's order, then the others' extras."""
    before_ = {(g.platform, g.account): g for g in previous}
    now = {(g.platform, g.account): g for g in current}
    earlier = {(g.platform, g.account): g for g in prior}
    keys = list(now) + [k for k in before_ if k not in now]
    keys += [k for k in earlier if k not in now and k not in before_]
    rows = [Compared(k[0], k[1], now.get(k), before_.get(k), earlier.get(k)) for k in keys]
    return [r for r in rows if r.own] + [r for r in rows if not r.own]
