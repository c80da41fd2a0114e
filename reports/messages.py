"""What Pulso tells the office, in the report's language: why an item was not valued, why a
source failed, which credential to renew, what the report was made without.

Reasons are produced as codes and parameters where they happen (valuation/, flows/, storage/)
and worded only here; the English text those layers also keep is for logs and scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from reports import formatting as f
from reports.i18n import platform_name, unit_name

if TYPE_CHECKING:  # the weekly report's model: not loaded by a command printing one answer
    from reports.model import Notice, SourceIssue, ValuedLine

MESSAGES: dict[str, tuple[str, str]] = {
    # Unvalued items (valuation.rate_cards.NoRate codes).
    "no_rate_card": (
        "{outlet} no tiene tarifario cargado",
        "{outlet} has no rate card loaded",
    ),
    "no_unit_rate": (
        "{outlet} no tiene tarifa por {measure} (sus tarifas son por {units})",
        "{outlet} has no rate per {measure} (its rates are per {units})",
    ),
    "not_in_force": (
        "ninguna tarifa de {outlet} vigente el {day} (vigencias: {periods})",
        "no rate of {outlet} in force on {day} (validity: {periods})",
    ),
    "ambiguous": (
        "dos tarifas rigen desde el {day} para la misma unidad ({refs}): deje una",
        "two rates apply from {day} for the same unit ({refs}): keep one",
    ),
    "no_reason": ("sin tarifa aplicable", "no applicable rate"),
    # Why a source failed (collectors.errors kinds, "internal" for a bug).
    "error_auth": (
        "la plataforma rechazó la credencial (vencida, revocada o sin permiso): hay que renovarla",
        "the platform rejected the credential (expired, revoked or lacking permission): renew it",
    ),
    "error_rate_limited": (
        "la plataforma limitó las consultas; se reintenta la próxima noche",
        "the platform limited the requests; it is retried the next night",
    ),
    "error_unavailable": (
        "la fuente no respondió o respondió con error",
        "the source did not answer or answered with an error",
    ),
    "error_timeout": (
        "la fuente tardó demasiado en responder",
        "the source took too long to answer",
    ),
    "error_transient": ("falla pasajera de la fuente", "a passing failure of the source"),
    "error_not_found": (
        "la cuenta o la página no existe: revise pulso.toml",
        "the account or page was not found: check pulso.toml",
    ),
    "error_bad_payload": (
        "la respuesta cambió de forma y no se pudo leer",
        "the answer changed shape and could not be read",
    ),
    "error_refused": (
        "Pulso no descarga esa dirección (interna o no permitida)",
        "Pulso does not fetch that address (internal or not allowed)",
    ),
    "error_redirects": ("demasiadas redirecciones", "too many redirects"),
    "error_permanent": ("la fuente rechazó la consulta", "the source refused the request"),
    "error_internal": (
        "error interno de Pulso (el detalle está en el registro de la ejecución)",
        "Pulso internal error (the detail is in the run's log)",
    ),
    "error_other": ("falla de la fuente", "source failure"),
    "stale": (
        "{n} noches seguidas sin datos nuevos",
        "{n} nights in a row without new data",
    ),
    "token_expiring": (
        "el token vence el {day}: créelo de nuevo antes de esa fecha",
        "the token expires on {day}: create a new one before then",
    ),
    # Notices: how the report was made.
    "no_config": (
        "Este informe se generó sin archivo de configuración ({path}): no hay cuentas propias "
        "ni metas anuales configuradas, por eso algunas secciones dicen «sin datos».",
        "This report was made without a configuration file ({path}): no own accounts or "
        "yearly targets are configured, which is why some sections say “no data”.",
    ),
    "no_targets": (
        "La configuración no tiene metas anuales ([targets] en pulso.toml): el volumen de "
        "publicación se muestra sin avance frente a meta.",
        "The configuration has no yearly targets ([targets] in pulso.toml): publishing volume "
        "is shown without progress against a target.",
    ),
    "no_accounts": (
        "La configuración no tiene cuentas ([[accounts]] en pulso.toml): no hay seguidores ni "
        "publicaciones que informar.",
        "The configuration has no accounts ([[accounts]] in pulso.toml): there are no "
        "followers or posts to report.",
    ),
    "logo_missing": (
        "No se encontró el logo ({file}); el informe sale sin él.",
        "The logo ({file}) was not found; the report is made without it.",
    ),
    "logo_too_large": (
        "El logo ({file}) pesa más de {kb} KB; el informe sale sin él.",
        "The logo ({file}) is larger than {kb} KB; the report is made without it.",
    ),
    "logo_not_image": (
        "El logo ({file}) no es una imagen PNG, JPEG o SVG; el informe sale sin él.",
        "The logo ({file}) is not a PNG, JPEG or SVG image; the report is made without it.",
    ),
    # Audit trail and sources.
    "rate_trail": ("Tarifa {name} · {unit} · {validity}", "Rate {name} · {unit} · {validity}"),
    "valid_from": ("vigente desde {start}", "in force from {start}"),
    "valid_between": ("vigente del {start} al {end}", "in force {start} to {end}"),
    "news_source": ("Noticias", "News"),
}

MEASURES: dict[str, tuple[str, str]] = {
    "time": ("tiempo al aire", "airtime"),
    "space": ("centímetro de columna", "column centimetre"),
    "item": ("nota", "item"),
}


def message(code: str, lang: str, **values: object) -> str:
    pair = MESSAGES[code]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def _iso_date(text: str, lang: str) -> str:
    try:
        return f.fmt_date(date.fromisoformat(text), lang)
    except ValueError:
        return text


def _periods(text: str, lang: str) -> str:
    """'2020-01-01..2020-12-31, 2022-01-01..' -> '01/01/2020 – 31/12/2020, desde 01/01/2022'."""
    words = []
    for period in (p.strip() for p in text.split(",") if p.strip()):
        start, _, end = period.partition("..")
        if end:
            words.append(f"{_iso_date(start, lang)} – {_iso_date(end, lang)}")
        else:
            words.append(("from " if lang == "en" else "desde ") + _iso_date(start, lang))
    return ", ".join(words)


def _units(text: str, lang: str) -> str:
    return ", ".join(unit_name(u.strip(), lang) for u in text.split(",") if u.strip())


def _measure(code: str, lang: str) -> str:
    pair = MEASURES.get(code)
    return (pair[1] if lang == "en" else pair[0]) if pair else code


_PARAMS: dict[str, Callable[[str, str], str]] = {
    "day": _iso_date,
    "periods": _periods,
    "units": _units,
    "measure": _measure,
}


@lru_cache(maxsize=4096)
def unvalued_reason(code: str, params: tuple[tuple[str, str], ...], lang: str) -> str:
    """Why an item was not valued, in `lang`, from valuation's code and parameters (pure, and
    memoised: a long period's page words the same few reasons for thousands of items)."""
    if code not in MESSAGES:
        return message("no_reason", lang)
    values = {k: _PARAMS[k](v, lang) if k in _PARAMS else v for k, v in params}
    return message(code, lang, **values)


def failure_reason(error_kind: str | None, lang: str) -> str:
    key = f"error_{error_kind}"
    return message(key if key in MESSAGES else "error_other", lang)


def issue_reason(issue: SourceIssue, lang: str) -> str:
    """A data-quality line's reason: failed, credential rejected, stale or token expiring."""
    if issue.problem == "expiring":
        return message("token_expiring", lang, day=f.fmt_date(issue.last_seen, lang))
    if issue.problem == "stale":
        return message("stale", lang, n=f.fmt_int(issue.times, lang))
    return failure_reason(issue.error_kind, lang)


def source_name(source: str, lang: str, account: Callable[[str, str], str] | None = None) -> str:
    """'facebook:AlcaldiaDeCali' -> 'Facebook · Alcaldía de Cali'; 'news:El País' ->
    'Noticias · El País'. `account` names an account (reports.names.AccountNames)."""
    kind, _, rest = source.partition(":")
    if not rest:
        return platform_name(kind, lang) if kind != "news" else message("news_source", lang)
    if kind == "news":
        return f"{message('news_source', lang)} · {rest}"
    return f"{platform_name(kind, lang)} · {account(kind, rest) if account else rest}"


def rate_trail(line: ValuedLine, lang: str) -> str:
    """'Tarifa Caracol Radio · minuto · vigente desde 01/01/2020': the rate in words."""
    name = line.rate_outlet or line.outlet
    if line.rate_program:
        name = f"{name} – {line.rate_program}"
    start = f.fmt_date(line.rate_valid_from, lang)
    validity = (
        message("valid_between", lang, start=start, end=f.fmt_date(line.rate_valid_to, lang))
        if line.rate_valid_to
        else message("valid_from", lang, start=start)
    )
    return message(
        "rate_trail", lang, name=name, unit=unit_name(line.unit, lang), validity=validity
    )


def notice_text(notice: Notice, lang: str) -> str:
    return message(notice.code, lang, **dict(notice.params))
