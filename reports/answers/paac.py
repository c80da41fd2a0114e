"""The PAAC follow-up (`pulso paac`): each yearly publishing target of the anti-corruption
plan against what the office published, month by month, with the evidence behind each count.

A target's result is the office's own posts on that platform in the year (every own account
of it), or the own portal's items for `web`, counted as `pulso activity` counts them (Bogotá
publication day). The monthly plan is `[targets.monthly]` when given (12 numbers summing to
the goal, checked when the configuration loads), otherwise the goal spread evenly in whole
publications: month m plans floor(goal × m / 12) − floor(goal × (m − 1) / 12), so the months
always add up to the goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from collectors import registry
from reports.i18n import platform_name
from reports.tables import Col, Table
from settings.model import TargetsConfig
from storage.activity import WEB, Publication, activity, publications

WEB_FORMULA = "Número total de publicaciones en el portal web oficial de la Alcaldía en el año"


@dataclass(frozen=True, slots=True)
class MonthResult:
    month: str  # YYYY-MM
    plan: int
    actual: int


@dataclass(frozen=True, slots=True)
class TargetResult:
    target: str  # a platform, or "web"
    formula: str
    goal: int
    actual: int
    months: tuple[MonthResult, ...]

    @property
    def pct(self) -> Decimal | None:
        """Achieved, % of the goal, 2 decimals half-up; None for a goal of 0."""
        if self.goal == 0:
            return None
        pct = Decimal(100 * self.actual) / Decimal(self.goal)
        return pct.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def linear_plan(goal: int) -> list[int]:
    """The goal in 12 whole monthly parts that add up to it exactly."""
    return [goal * m // 12 - goal * (m - 1) // 12 for m in range(1, 13)]


def default_formula(target: str) -> str:
    """The indicator as a plan words it, in Spanish (`[targets.formula]` overrides it)."""
    if target == WEB:
        return WEB_FORMULA
    label = registry.BY_NAME[target].label if target in registry.BY_NAME else target
    return f"Número total de publicaciones en la cuenta oficial de {label} en el año"


def _order(target: str) -> int:
    names = (*registry.PLATFORM_NAMES, WEB)
    return names.index(target) if target in names else len(names)


def _monthly_actuals(session: Session, year: int, target: str, tz: ZoneInfo) -> list[int]:
    months = [0] * 12
    found = activity(
        session,
        from_=date(year, 1, 1),
        to=date(year, 12, 31),
        tz=tz,
        platform=target,
        by="month",
    )
    for item in found:
        for period in item.periods:
            months[period.start.month - 1] += period.posts
    return months


def paac(
    session: Session, *, year: int, targets: TargetsConfig, tz: ZoneInfo
) -> list[TargetResult]:
    """Every configured target for `year`, in platform order, the portal last."""
    results = []
    for target in sorted(targets.goals, key=_order):
        goal = targets.goals[target]
        plan = targets.monthly.get(target) or linear_plan(goal)
        actual = _monthly_actuals(session, year, target, tz)
        months = tuple(
            MonthResult(f"{year:04d}-{m:02d}", plan[m - 1], actual[m - 1]) for m in range(1, 13)
        )
        formula = targets.formula.get(target) or default_formula(target)
        results.append(TargetResult(target, formula, goal, sum(actual), months))
    return results


def evidence(
    session: Session, *, year: int, targets: TargetsConfig, tz: ZoneInfo
) -> list[Publication]:
    """Every publication counted for the year's targets, oldest first."""
    found = publications(session, from_=date(year, 1, 1), to=date(year, 12, 31), tz=tz)
    return [p for p in found if p.platform in targets.goals]


def paac_json(results: list[TargetResult]) -> list[dict[str, Any]]:
    return [
        {
            "target": r.target,
            "formula": r.formula,
            "goal": r.goal,
            "actual": r.actual,
            "pct": float(r.pct) if r.pct is not None else None,
            "months": [{"month": m.month, "plan": m.plan, "actual": m.actual} for m in r.months],
        }
        for r in results
    ]


SUMMARY_COLUMNS = (
    Col("target_name", label="paac_target"),
    Col("formula", label="paac_formula"),
    Col("goal", "int", label="paac_goal"),
    Col("actual", "int", label="paac_actual"),
    Col("pct", "pct", digits=2, label="paac_pct"),
)
MONTH_COLUMNS = (
    Col("target_name", label="paac_target"),
    Col("month", label="paac_month"),
    Col("plan", "int", label="paac_plan"),
    Col("actual", "int", label="paac_actual"),
    Col("cumulative_plan", "int", label="paac_cumulative_plan"),
    Col("cumulative_actual", "int", label="paac_cumulative_actual"),
)


def summary_rows(results: list[TargetResult], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "target_name": platform_name(r.target, lang),
            "formula": r.formula,
            "goal": r.goal,
            "actual": r.actual,
            "pct": r.pct,
        }
        for r in results
    ]


def month_rows(results: list[TargetResult], lang: str) -> list[dict[str, Any]]:
    rows = []
    for r in results:
        planned = done = 0
        for m in r.months:
            planned, done = planned + m.plan, done + m.actual
            rows.append(
                {
                    "target_name": platform_name(r.target, lang),
                    "month": m.month,
                    "plan": m.plan,
                    "actual": m.actual,
                    "cumulative_plan": planned,
                    "cumulative_actual": done,
                }
            )
    return rows


def _table(name: str, columns: tuple[Col, ...], rows: list[dict[str, Any]]) -> Table:
    # Report tables key their columns by label (reports.xlsx, reports.csv_export).
    labelled = tuple(Col(c.label or c.key, c.kind, c.digits) for c in columns)
    values = tuple(tuple(row[c.key] for c in columns) for row in rows)
    return Table(name, name, labelled, values)


EVIDENCE_COLUMNS = (
    Col("platform"),
    Col("account"),
    Col("date", "date"),
    Col("url", "url"),
)


def evidence_table(found: list[Publication], tz: ZoneInfo, lang: str) -> Table:
    rows = tuple(
        (platform_name(p.platform, lang), p.account, p.published_at.astimezone(tz).date(), p.url)
        for p in found
    )
    return Table("paac_evidence", "paac_evidence", EVIDENCE_COLUMNS, rows)


def paac_tables(results: list[TargetResult], lang: str) -> list[Table]:
    """The summary and the month-by-month schedule, as report tables (XLSX, CSV)."""
    return [
        _table("paac", SUMMARY_COLUMNS, summary_rows(results, lang)),
        _table("paac_months", MONTH_COLUMNS, month_rows(results, lang)),
    ]
