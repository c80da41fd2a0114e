"""'Lo más importante': three to five sentences written from the week's numbers.

Pure: the report model in, sentences out. Every sentence carries the number it is about; a
sentence whose numbers are missing is left out, never written with "sin datos" in it.
"""

from __future__ import annotations

from collections.abc import Callable

from reports import formatting as f
from reports.i18n import platform_name
from reports.messages import source_name
from reports.model import FollowerRow, Headline, WeeklyReport

MAX_SENTENCES = 5

SENTENCES: dict[str, tuple[str, str]] = {
    "grew_most": (
        "La cuenta que más creció fue {account} en {platform}: {new} seguidores ({pct}).",
        "The account that grew most was {account} on {platform}: {new} followers ({pct}).",
    ),
    "best_post": (
        "La publicación con mayor tasa de interacción fue de {account} en {platform}, el {day}: "
        "{interactions} interacciones, {rate} de sus seguidores.",
        "The post with the highest engagement rate was by {account} on {platform}, on {day}: "
        "{interactions} interactions, {rate} of its followers.",
    ),
    "best_post_no_rate": (
        "La publicación con más interacciones fue de {account} en {platform}, el {day}: "
        "{interactions} interacciones.",
        "The post with most interactions was by {account} on {platform}, on {day}: "
        "{interactions} interactions.",
    ),
    "top_outlet": (
        "{outlet} fue el medio con más menciones: {mentions} de {total} en la semana.",
        "{outlet} was the outlet with most mentions: {mentions} of {total} this week.",
    ),
    "free_press_vs": (
        "El free press sumó {value} antes de IVA, {change} ({pct}) frente a la semana anterior.",
        "Free press came to {value} before VAT, {change} ({pct}) against the previous week.",
    ),
    "free_press_vs_no_pct": (
        "El free press sumó {value} antes de IVA, {change} frente a la semana anterior.",
        "Free press came to {value} before VAT, {change} against the previous week.",
    ),
    "free_press_first": (
        "El free press sumó {value} antes de IVA (primera semana con valoración).",
        "Free press came to {value} before VAT (first week with a valuation).",
    ),
    "failed_one": (
        "1 fuente falló esta semana: {sources}.",
        "1 source failed this week: {sources}.",
    ),
    "failed_many": (
        "{n} fuentes fallaron esta semana: {sources}.",
        "{n} sources failed this week: {sources}.",
    ),
    "none_failed": (
        "Ninguna fuente falló en las {runs} recolecciones de la semana.",
        "No source failed in the week's {runs} collection runs.",
    ),
}


def _say(key: str, lang: str, **values: object) -> str:
    pair = SENTENCES[key]
    return (pair[1] if lang == "en" else pair[0]).format(**values)


def _grew_most(report: WeeklyReport, lang: str) -> str | None:
    rows = [r for r in report.followers if r.growth_pct is not None and r.new is not None]
    if not rows:
        return None
    best: FollowerRow = max(rows, key=lambda r: (r.growth_pct, r.new or 0))
    return _say(
        "grew_most",
        lang,
        account=best.account,
        platform=platform_name(best.platform, lang),
        new=f.fmt_signed(best.new, lang),
        pct=f.fmt_signed_pct(best.growth_pct, lang, 2),
    )


def _best_post(report: WeeklyReport, lang: str) -> str | None:
    if not report.top_posts or report.top_posts[0].interactions is None:
        return None
    post = report.top_posts[0]
    values: dict[str, object] = {
        "account": post.account,
        "platform": platform_name(post.platform, lang),
        "day": f.fmt_date(f.local_time(post.published_at, report.tz), lang),
        "interactions": f.fmt_int(post.interactions, lang),
    }
    if post.published_at is None:
        return None
    if post.engagement_pct is None:
        return _say("best_post_no_rate", lang, **values)
    return _say("best_post", lang, rate=f.fmt_pct(post.engagement_pct, lang, 2), **values)


def _top_outlet(report: WeeklyReport, lang: str) -> str | None:
    outlets = [r for r in report.news.by_outlet if r.mentions > 0]
    if not outlets:
        return None
    top = outlets[0]  # by_outlet is sorted by mentions, then name
    return _say(
        "top_outlet",
        lang,
        outlet=top.name,
        mentions=f.fmt_int(top.mentions, lang),
        total=f.fmt_int(report.news.mentions, lang),
    )


def _headline(report: WeeklyReport, key: str) -> Headline | None:
    return next((h for h in report.summary if h.key == key), None)


def _free_press(report: WeeklyReport, lang: str) -> str | None:
    fp = _headline(report, "free_press")
    if fp is None or fp.value is None:
        return None
    value = f.fmt_money(fp.value, lang)
    if fp.previous is None:
        return _say("free_press_first", lang, value=value)
    change = f.fmt_signed_money(fp.change, lang)
    if fp.change_pct is None:
        return _say("free_press_vs_no_pct", lang, value=value, change=change)
    pct = f.fmt_signed_pct(fp.change_pct, lang)
    return _say("free_press_vs", lang, value=value, change=change, pct=pct)


def _failures(report: WeeklyReport, lang: str) -> str | None:
    failed = report.quality.failed_sources
    if not failed:
        if not report.quality.runs:
            return None
        return _say("none_failed", lang, runs=f.fmt_int(report.quality.runs, lang))
    names = {(r.platform, r.handle.casefold()): r.account for r in report.followers}

    def account(platform: str, handle: str) -> str:
        return names.get((platform, handle.lstrip("@").casefold()), handle)

    sources = ", ".join(source_name(i.source, lang, account) for i in failed)
    if len(failed) == 1:
        return _say("failed_one", lang, sources=sources)
    return _say("failed_many", lang, n=f.fmt_int(len(failed), lang), sources=sources)


WRITERS: tuple[Callable[[WeeklyReport, str], str | None], ...] = (
    _grew_most,
    _best_post,
    _top_outlet,
    _free_press,
    _failures,
)


def highlights(report: WeeklyReport, lang: str) -> list[str]:
    """At most five sentences, each from a number the report holds; none when it holds none."""
    if not report.has_data:
        return []
    sentences = (write(report, lang) for write in WRITERS)
    return [s for s in sentences if s][:MAX_SENTENCES]
