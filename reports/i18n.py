"""Pulso's words in Spanish (default) and English: the one vocabulary of the weekly report,
the CLI's tables and the dashboard's columns and downloads (the dashboard keeps only its page
chrome in pulso/dashboard/i18n.py). Display names are the office's: "cuña de 30 s", "segundo",
"minuto", "X (Twitter)", "Televisión", "Radio", "Prensa", "Web".
"""

from __future__ import annotations

from datetime import date

from collectors.registry import PLATFORMS as REGISTERED

LABELS: dict[str, tuple[str, str]] = {
    "title": ("Informe semanal", "Weekly report"),
    "week": ("Semana", "Week"),
    "generated": ("Generado el", "Generated on"),
    "timezone_note": ("Horas en {tz}.", "Times in {tz}."),
    "no_data": (
        "No hay datos para esta semana: no se recogieron cifras de seguidores, publicaciones, "
        "menciones ni cortes.",
        "There is no data for this week: no follower figures, posts, mentions or clips were "
        "collected.",
    ),
    "section_summary": ("Resumen", "Summary"),
    "section_followers": ("Seguidores", "Followers"),
    "section_peers": ("Referentes (cuentas de comparación)", "Benchmark (peer accounts)"),
    "section_volume": ("Volumen de publicación", "Publishing volume"),
    "section_interactions": ("Interacciones", "Interactions"),
    "section_top_posts": (
        "Las 5 publicaciones con mayor tasa de interacción",
        "Top 5 posts by engagement rate",
    ),
    "section_news": ("Noticias", "News"),
    "section_news_outlets": ("Menciones por medio", "Mentions by outlet"),
    "section_news_media": ("Menciones por tipo de medio", "Mentions by medium"),
    "section_top_stories": ("Historias principales", "Top stories"),
    "section_free_press": (
        "Free press (valor publicitario equivalente)",
        "Free press (advertising value equivalency)",
    ),
    "section_fp_outlets": ("Valor por medio", "Value by outlet"),
    "section_fp_media": ("Valor por tipo de medio", "Value by medium"),
    "section_fp_items": ("Anexo: detalle por nota", "Annex: per-item breakdown"),
    "section_fp_unvalued": ("Notas sin valorar", "Unvalued items"),
    "section_quality": ("Calidad de los datos", "Data quality"),
    "section_q_failed": ("Fuentes con fallas esta semana", "Sources that failed this week"),
    "section_q_stale": ("Fuentes desactualizadas", "Stale sources"),
    "section_q_credentials": ("Credenciales por renovar", "Credentials to renew"),
    "section_q_missing": ("Cuentas con días sin datos", "Accounts with missing days"),
    "section_q_given_up": (
        "Páginas de noticias abandonadas (fallaron noche tras noche; ya no se descargan)",
        "News pages given up (failed night after night; no longer fetched)",
    ),
    "empty": ("Sin datos esta semana.", "No data this week."),
    "none_failed": ("Ninguna fuente falló.", "No source failed."),
    "none_stale": ("Ninguna fuente desactualizada.", "No stale source."),
    "none_credentials": ("Ninguna credencial por renovar.", "No credential to renew."),
    "none_missing": ("Ninguna cuenta con días faltantes.", "No account with missing days."),
    "none_given_up": ("Ninguna página abandonada.", "No page given up."),
    "runs": ("Recolecciones en la semana: {n}.", "Collection runs this week: {n}."),
    "headline_followers": ("Seguidores (cuentas propias)", "Followers (own accounts)"),
    "headline_new_followers": ("Nuevos seguidores", "New followers"),
    "headline_posts": ("Publicaciones", "Posts"),
    "headline_interactions": ("Interacciones", "Interactions"),
    "headline_mentions": ("Menciones en noticias", "News mentions"),
    "headline_stories": ("Historias distintas", "Distinct stories"),
    "headline_free_press": ("Free press antes de IVA", "Free press before VAT"),
    "vs_previous": ("vs. semana anterior", "vs. previous week"),
    "indicator": ("Indicador", "Indicator"),
    "this_week": ("Esta semana", "This week"),
    "previous_week": ("Semana anterior", "Previous week"),
    "change": ("Cambio", "Change"),
    "change_pct": ("Cambio %", "Change %"),
    "platform": ("Plataforma", "Platform"),
    "account": ("Cuenta", "Account"),
    "start": ("Inicio", "Start"),
    "end": ("Fin", "End"),
    "new_followers": ("Nuevos seguidores", "New followers"),
    "growth_pct": ("Crecimiento", "Growth"),
    "trend": ("Últimas 12 semanas", "Last 12 weeks"),
    "posts_week": ("En la semana", "This week"),
    "posts_ytd": ("En el año", "Year to date"),
    "target": ("Meta anual", "Annual target"),
    "progress": ("Avance", "Progress"),
    "remaining": ("Faltan", "Remaining"),
    "pace": ("Ritmo semanal necesario", "Weekly pace needed"),
    "posts": ("Publicaciones", "Posts"),
    "reactions": ("Reacciones / me gusta", "Reactions / likes"),
    "comments": ("Comentarios", "Comments"),
    "shares": ("Compartidos", "Shares"),
    "views": ("Reproducciones", "Views"),
    "impressions": ("Impresiones", "Impressions"),
    "engagement_pct": ("Tasa de interacción", "Engagement rate"),
    "office_engagement_pct": (
        "Tasa de interacción propia (misma red)",
        "Own engagement rate (same platform)",
    ),
    "peers_note": (
        "Publicaciones, interacciones y tasa de interacción de cada referente en la semana, con "
        "la misma regla que las cuentas propias, sobre lo que la plataforma muestra a cualquiera "
        "(en X solo si se activó la lectura de sus publicaciones, que es de pago); al lado, la "
        "tasa de las cuentas propias en la misma red. «Sin datos»: no se leyeron sus "
        "publicaciones.",
        "Each peer's posts, interactions and engagement rate this week, by the same rule as the "
        "own accounts, on what the platform shows anyone (on X only where reading its posts, "
        "which is paid, was switched on); beside it, the own accounts' rate on the same "
        "platform. No data: its posts were not read.",
    ),
    "interactions": ("Interacciones", "Interactions"),
    "rank": ("#", "#"),
    "published": ("Publicado", "Published"),
    "text": ("Texto", "Text"),
    "link": ("Enlace", "Link"),
    "post_id": ("ID", "ID"),
    "outlet": ("Medio", "Outlet"),
    "medium": ("Tipo de medio", "Medium"),
    "mentions": ("Menciones", "Mentions"),
    "stories": ("Historias", "Stories"),
    "headline": ("Titular", "Headline"),
    "outlets": ("Medios", "Outlets"),
    "first_published": ("Primera publicación", "First published"),
    "before_iva": ("Valor antes de IVA", "Value before VAT"),
    "with_iva": ("Valor con IVA", "Value with VAT"),
    "total": ("Total", "Total"),
    "iva": ("IVA", "VAT"),
    "program": ("Programa", "Program"),
    "aired_on": ("Fecha", "Date"),
    "title_col": ("Título", "Title"),
    "seconds": ("Duración (s)", "Duration (s)"),
    "duration": ("Duración", "Duration"),
    "column_cm": ("Cm columna", "Column cm"),
    "unit": ("Unidad", "Unit"),
    "rate": ("Tarifa antes de IVA", "Rate before VAT"),
    "rate_ref": ("Tarifa (origen)", "Rate (source)"),
    "reason": ("Motivo", "Reason"),
    "source": ("Fuente", "Source"),
    "kind": ("Tipo", "Kind"),
    "times": ("Veces", "Times"),
    "last_seen": ("Última vez", "Last seen"),
    "last_ok": ("Último éxito", "Last success"),
    "error_kind": ("Tipo de error", "Error kind"),
    "problem": ("Problema", "Problem"),
    "date": ("Fecha", "Date"),
    "missing_count": ("Días sin datos", "Missing days"),
    "missing_days": ("Fechas", "Dates"),
    "url": ("Dirección (URL)", "URL"),
    "nights_failed": ("Noches con falla", "Nights failed"),
    "last_failed": ("Última falla", "Last failure"),
    "rate_trail": ("Tarifa aplicada", "Rate applied"),
    "origin": ("Origen", "Source row"),
    "section_engagement": (
        "Tasa de interacción por cuenta (de mayor a menor)",
        "Engagement rate by account (highest first)",
    ),
    # Columns of the answers (CLI tables, dashboard pages and downloads): reports/answers/.
    "start_date": ("Fecha inicial", "Start date"),
    "start_followers": ("Seguidores iniciales", "Start followers"),
    "end_date": ("Fecha final", "End date"),
    "end_followers": ("Seguidores finales", "End followers"),
    "terms": ("Términos", "Terms"),
    "story": ("Historia", "Story"),
    "measure": ("Duración / espacio", "Airtime / space"),
    "items_count": ("Notas", "Items"),
    "difference": ("Diferencia", "Difference"),
    "end_followers_this_year": ("Seguidores finales (este año)", "End followers (this year)"),
    "new_followers_this_year": ("Nuevos seguidores (este año)", "New followers (this year)"),
    "growth_this_year": ("Crecimiento (este año)", "Growth (this year)"),
    "end_followers_last_year": ("Seguidores finales (año anterior)", "End followers (last year)"),
    "new_followers_last_year": ("Nuevos seguidores (año anterior)", "New followers (last year)"),
    "growth_last_year": ("Crecimiento (año anterior)", "Growth (last year)"),
    "new_followers_prior_period": (
        "Nuevos seguidores (periodo anterior)",
        "New followers (previous period)",
    ),
    "growth_prior_period": ("Crecimiento (periodo anterior)", "Growth (previous period)"),
    "difference_prior_period": (
        "Diferencia frente al periodo anterior",
        "Difference from the previous period",
    ),
    "status": ("Estado", "Status"),
    "expires": ("Vence", "Expires"),
    "detail": ("Detalle", "Detail"),
    "items_collected": ("Publicaciones / artículos", "Posts / articles"),
    "growth_title": ("Crecimiento de seguidores", "Follower growth"),
    "growth_sheet": ("Crecimiento", "Growth"),
    "mentions_title": ("Menciones en medios", "News mentions"),
    "mentions_sheet": ("Menciones", "Mentions"),
    "compare_sheet": ("Comparación", "Comparison"),
    "fp_title": ("Free press (valor publicitario equivalente)", "Free press (AVE)"),
    "fp_by_outlet": ("Subtotal por medio", "Subtotal per outlet"),
    "fp_by_medium": ("Subtotal por tipo de medio", "Subtotal per medium"),
    "fp_unvalued_title": ("Sin valorar (sin tarifa)", "Unvalued (no rate)"),
    "fp_counts": (
        "Calculado sobre {clips} cortes de radio, TV y prensa ({airtime} de aire, {cm} cm de "
        "columna) y {web} notas web; {unvalued} notas sin tarifa no se valoran.",
        "Computed from {clips} radio, TV and print clips ({airtime} of airtime, {cm} column cm) "
        "and {web} web items; {unvalued} items without a rate are not valued.",
    ),
    "fp_iva": ("IVA del {rate}.", "VAT at {rate}."),
    "fp_none": (
        "Sin cortes registrados esta semana: no hay valor que calcular.",
        "No clips logged this week: there is no value to compute.",
    ),
    "problem_failed": ("falló", "failed"),
    "problem_stale": ("desactualizada", "stale"),
    "problem_auth": ("credencial rechazada", "credential rejected"),
    "problem_expiring": ("vence pronto", "expires soon"),
    "never": ("nunca", "never"),
    "interactions_note": (
        "Interacciones de las publicaciones de la semana, según la última medición hasta el "
        "{day}: {rules}. Las reproducciones y las impresiones miden alcance y no se suman.",
        "Interactions of the week's posts, as last measured up to {day}: {rules}. Views and "
        "impressions measure reach and are not added.",
    ),
    "engagement_note": (
        "Tasa de interacción = interacciones ÷ seguidores al cierre de la semana × 100; por "
        "publicación, sus interacciones ÷ los seguidores de su cuenta × 100. Las "
        "comparaciones entre cuentas usan esta tasa, justa con las cuentas pequeñas.",
        "Engagement rate = interactions ÷ followers at the end of the week × 100; per post, "
        "its interactions ÷ its account's followers × 100. Comparisons between accounts use "
        "this rate, fair to small accounts.",
    ),
    "pace_note": (
        "Ritmo necesario = publicaciones que faltan para la meta ÷ semanas que quedan del año, "
        "redondeado hacia arriba.",
        "Pace needed = posts still needed for the target ÷ weeks left in the year, rounded up.",
    ),
    "first_week": ("primera semana con datos", "first week with data"),
    "no_previous": (
        "sin cifra de la semana anterior para comparar",
        "no figure from the previous week to compare with",
    ),
    "section_highlights": ("Lo más importante", "Highlights"),
    "legend_progress": ("Avance del año hacia la meta anual", "Year-to-date progress to target"),
    "legend_expected": (
        "Dónde debería ir a esta fecha (ritmo parejo)",
        "Where it should be by this date (even pace)",
    ),
    "no_target_platforms": (
        "Sin meta anual configurada: {platforms}.",
        "No yearly target configured: {platforms}.",
    ),
    "notices": ("Avisos sobre este informe", "Notes on this report"),
    "top_post_meta": (
        "{interactions} interacciones · tasa {rate}",
        "{interactions} interactions · rate {rate}",
    ),
    "open_post": ("Ver publicación", "Open post"),
    "followers_note": (
        "Inicio: última cifra de la semana anterior; fin: última cifra de esta semana.",
        "Start: the previous week's last figure; end: this week's last figure.",
    ),
    "section_spikes": (
        "Picos de menciones (alertas enviadas esta semana)",
        "Mention spikes (alerts sent this week)",
    ),
    "spikes_period": ("Picos de menciones en el periodo", "Mention spikes in the period"),
    # Reach and views (h7, issue 16): reports/answers/reach.py
    "reach": ("Alcance", "Reach"),
    "days_measured": ("Días medidos", "Days measured"),
    "post_views": ("Reproducciones de publicaciones", "Post views"),
    "post_views_label": ("Cifra", "Figure"),
    "live_title": ("Transmisión", "Broadcast"),
    "started_at": ("Inicio", "Start"),
    "duration_s": ("Duración", "Duration"),
    "total_views": ("Reproducciones totales", "Total views"),
    "peak_viewers": ("Pico de espectadores", "Peak viewers"),
    "reach_title": ("Alcance y reproducciones", "Reach and views"),
    "lives_title": ("Transmisiones en vivo", "Live broadcasts"),
}

# A platform's display name is declared with the platform (the same in both languages).
PLATFORMS: dict[str, tuple[str, str]] = {p.name: (p.label, p.label) for p in REGISTERED}

# Platforms whose `views` are impressions (X's `impression_count`), not video views.
IMPRESSION_PLATFORMS = frozenset(p.name for p in REGISTERED if p.impressions == "views")

MEDIA: dict[str, tuple[str, str]] = {
    "tv": ("Televisión", "TV"),
    "radio": ("Radio", "Radio"),
    "print": ("Prensa", "Print"),
    "web": ("Web", "Web"),
}

# Worksheet names: at most 31 characters, none of []:*?/\ (Excel's rules).
SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("Resumen", "Summary"),
    "followers": ("Seguidores", "Followers"),
    "peers": ("Referentes", "Benchmark"),
    "volume": ("Volumen", "Volume"),
    "interactions": ("Interacciones", "Interactions"),
    "engagement": ("Tasa de interacción", "Engagement rate"),
    "top_posts": ("Top publicaciones", "Top posts"),
    "news_outlets": ("Noticias por medio", "News by outlet"),
    "news_media": ("Noticias por tipo de medio", "News by medium"),
    "top_stories": ("Historias principales", "Top stories"),
    "free_press_outlets": ("Free press por medio", "Free press by outlet"),
    "free_press_media": ("Free press por tipo de medio", "Free press by medium"),
    "free_press_items": ("Anexo free press", "Free press annex"),
    "free_press_unvalued": ("Notas sin valorar", "Unvalued items"),
    "quality_failed": ("Fuentes con fallas", "Failed sources"),
    "quality_stale": ("Fuentes desactualizadas", "Stale sources"),
    "quality_credentials": ("Credenciales", "Credentials"),
    "quality_missing": ("Días sin datos", "Missing days"),
    "quality_given_up": ("Páginas abandonadas", "Pages given up"),
}

UNITS: dict[str, tuple[str, str]] = {
    "second": ("segundo", "second"),
    "minute": ("minuto", "minute"),
    "spot30": ("cuña de 30 s", "30 s spot"),
    "column_cm": ("cm de columna", "column cm"),
    "item": ("nota", "item"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def label(key: str, lang: str, **values: object) -> str:
    text = _pick(LABELS[key], lang)
    return text.format(**values) if values else text


def interaction_rules(lang: str) -> str:
    """'Facebook, reacciones + comentarios + compartidos; Instagram, ...': each platform's sum,
    as the platform declares it (collectors/<platform>/platform.py)."""
    return "; ".join(
        f"{p.label}, {_pick(p.interaction_words, lang)}"
        for p in REGISTERED
        if p.interaction_words[0]
    )


def platform_name(platform: str, lang: str) -> str:
    return _pick(PLATFORMS[platform], lang) if platform in PLATFORMS else platform


def medium_name(medium: str | None, lang: str) -> str | None:
    if not medium:
        return None
    return _pick(MEDIA[medium], lang) if medium in MEDIA else medium


def unit_name(unit: str, lang: str) -> str:
    return _pick(UNITS[unit], lang) if unit in UNITS else unit


def sheet_name(table: str, lang: str) -> str:
    return _pick(SHEETS[table], lang) if table in SHEETS else table[:31]


# Activity and the PAAC follow-up (issue 15).
PLATFORMS["web"] = ("Portal web", "Web portal")
LABELS.update(
    {
        "activity_title": ("Actividad por cuenta", "Activity per account"),
        "impressions": ("Impresiones", "Impressions"),
        "engagement_rate": ("Tasa de interacción", "Engagement rate"),
        "followers_end": ("Seguidores al final", "Followers at the end"),
        "from": ("Desde", "From"),
        "to": ("Hasta", "To"),
        "paac_title": (
            "Seguimiento PAAC {year}: metas de publicación",
            "PAAC {year} follow-up: publishing targets",
        ),
        "paac_months_title": (
            "Plan mensual frente a lo publicado",
            "Monthly plan against published",
        ),
        "paac_target": ("Meta", "Target"),
        "paac_formula": ("Fórmula del indicador", "Indicator formula"),
        "paac_goal": ("Meta anual", "Annual goal"),
        "paac_actual": ("Publicado", "Published"),
        "paac_pct": ("% de cumplimiento", "% achieved"),
        "paac_month": ("Mes", "Month"),
        "paac_plan": ("Plan", "Plan"),
        "paac_cumulative_plan": ("Plan acumulado", "Cumulative plan"),
        "paac_cumulative_actual": ("Publicado acumulado", "Cumulative published"),
    }
)
SHEETS.update(
    {
        "paac": ("Metas PAAC", "PAAC targets"),
        "paac_months": ("Plan mensual", "Monthly plan"),
        "paac_evidence": ("Evidencias", "Evidence"),
    }
)


MONTHS: dict[str, tuple[str, ...]] = {
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: date, lang: str) -> str:
    """'22 de noviembre de 2026' / '22 November 2026'."""
    month = MONTHS["en" if lang == "en" else "es"][day.month - 1]
    return (
        f"{day.day} {month} {day.year}" if lang == "en" else f"{day.day} de {month} de {day.year}"
    )


def date_range(start: date, end: date, lang: str) -> str:
    """A span as people say it, naming a month or year only once when both ends share it:
    '16 al 22 de noviembre de 2026', '28 de diciembre de 2026 al 3 de enero de 2027';
    '16–22 November 2026', '30 November – 6 December 2026'."""
    if lang == "en":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end, lang)}"
        if start.year == end.year:
            return f"{start.day} {MONTHS['en'][start.month - 1]} – {long_date(end, lang)}"
        return f"{long_date(start, lang)} – {long_date(end, lang)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} al {long_date(end, lang)}"
    if start.year == end.year:
        return f"{start.day} de {MONTHS['es'][start.month - 1]} al {long_date(end, lang)}"
    return f"{long_date(start, lang)} al {long_date(end, lang)}"


def report_title(start: date, end: date, lang: str) -> str:
    """'Informe semanal · 16 al 22 de noviembre de 2026': the report's title and mail subject."""
    return f"{label('title', lang)} · {date_range(start, end, lang)}"


# Printed report (h2): the PDF's page footer.
LABELS.update(
    {
        "page_of": ("Página {page} de {pages}", "Page {page} of {pages}"),
    }
)


# The period report (`pulso report period`, rendición de cuentas) and `pulso verify`.
LABELS.update(
    {
        "period_title": (
            "Informe del periodo (rendición de cuentas)",
            "Period report (accountability)",
        ),
        "period": ("Periodo", "Period"),
        "period_no_data": (
            "No hay datos para este periodo: no se recogieron ni importaron cifras de seguidores, "
            "publicaciones, menciones ni cortes.",
            "There is no data for this period: no follower figures, posts, mentions or clips were "
            "collected or imported.",
        ),
        "section_period_followers": ("Seguidores por cuenta", "Followers per account"),
        "section_period_months": ("Seguidores mes a mes", "Followers month by month"),
        "section_new_by_month": (
            "Nuevos seguidores por mes (cuentas propias)",
            "New followers per month (own accounts)",
        ),
        "section_activity": ("Publicaciones e interacciones", "Posts and interactions"),
        "section_activity_months": (
            "Publicaciones e interacciones por plataforma y mes",
            "Posts and interactions per platform and month",
        ),
        "section_activity_accounts": ("Actividad por cuenta", "Activity per account"),
        "section_best_posts": (
            "Las publicaciones con más interacciones",
            "Best posts of the period",
        ),
        "section_news_summary": ("Noticias: resumen", "News: summary"),
        "section_fp_summary": ("Free press: totales", "Free press: totals"),
        "section_targets": ("Metas anuales de publicación", "Yearly publishing targets"),
        "section_q_nights": ("Noches con fallas", "Nights with failures"),
        "section_q_gaps": ("Cuentas con días sin cifra", "Accounts with days without a figure"),
        "month": ("Mes", "Month"),
        "trend_months": ("Mes a mes", "Month by month"),
        "year": ("Año", "Year"),
        "value": ("Valor", "Value"),
        "achieved": ("Logrado", "Achieved"),
        "expected": ("Esperado a la fecha", "Expected by then"),
        "as_of": ("Contado hasta", "Counted up to"),
        "impressions": ("Impresiones", "Impressions"),
        "engagement": ("Interacciones por publicación", "Interactions per post"),
        "engagement_rate": ("Tasa de interacción", "Engagement rate"),
        "items": ("Noticias", "News items"),
        "items_per_week": ("Noticias por semana (promedio)", "News items per week (average)"),
        "failed_sources": ("Fuentes con falla", "Failed sources"),
        "first_missing": ("Primer día sin cifra", "First missing day"),
        "last_missing": ("Último día sin cifra", "Last missing day"),
        "none_failed_nights": ("Ninguna noche con fallas.", "No night with failures."),
        "none_gaps": ("Ninguna cuenta con días sin cifra.", "No account with missing days."),
        "quality_period": (
            "{days} días en el periodo; {run} con recolección, {without} sin recolección "
            "(cifras importadas o ausentes).",
            "{days} days in the period; {run} with a collection run, {without} without one "
            "(figures imported or absent).",
        ),
        "period_followers_note": (
            "Inicio: última cifra en o antes del primer día (si no hay, la primera después); fin: "
            "última cifra en o antes del último día; las mismas reglas de `pulso growth`.",
            "Start: the last figure on or before the first day (else the first after it); end: the "
            "last figure on or before the last day; the rules of `pulso growth`.",
        ),
        "period_months_note": (
            "Cada mes parte de la última cifra del mes anterior, así los meses suman el periodo.",
            "Each month starts from the previous month's last figure, so the months add up to "
            "the period.",
        ),
        "period_activity_note": (
            "Publicaciones contadas en su día de publicación ({tz}); interacciones según la "
            "última medición hasta el {day}.",
            "Posts counted on their publication day ({tz}); interactions as last measured up to "
            "{day}.",
        ),
        "targets_note": (
            "Logrado: publicaciones del 1 de enero al día contado. Esperado: lo que el plan mensual "
            "(o la meta en partes iguales por mes) alcanza a esa fecha. Ritmo: publicaciones por "
            "semana que faltan hasta el 31 de diciembre.",
            "Achieved: posts from 1 January to the day counted. Expected: what the monthly plan "
            "(or the target in equal monthly parts) reaches by then. Pace: posts per week still "
            "needed until 31 December.",
        ),
        "fp_unvalued_note": (
            "Notas sin tarifa, por medio y motivo; `pulso valuate --from --to` las lista una a una.",
            "Items without a rate, by outlet and reason; `pulso valuate --from --to` lists each one.",
        ),
        "fp_projection_note": (
            "Las proyecciones (emisiones similares, universo de medios) no se suman aquí: "
            "`pulso valuate --broadcasts N --monitored-share P` las muestra aparte.",
            "Projections (similar broadcasts, media universe) are not added here: "
            "`pulso valuate --broadcasts N --monitored-share P` shows them apart.",
        ),
        "empty_period": ("Sin datos en este periodo.", "No data in this period."),
        "fp_none_period": (
            "Sin cortes ni menciones valoradas en el periodo: no hay valor que calcular.",
            "No clips or valued mentions in the period: there is no value to compute.",
        ),
        "night_failed": ("fallida", "failed"),
        "night_partial": ("parcial", "partial"),
        "night_running": ("sin terminar", "unfinished"),
        # pulso verify
        "verify_title": ("Verificación de cifras", "Figures check"),
        "stated": ("Cifra escrita", "Stated"),
        "computed": ("Cifra calculada", "Computed"),
        "verdict": ("Resultado", "Verdict"),
        "from": ("Desde", "From"),
        "to": ("Hasta", "To"),
        "row": ("Fila", "Row"),
    }
)
SHEETS.update(
    {
        "period_followers": ("Seguidores", "Followers"),
        "period_peers": ("Referentes", "Benchmark"),
        "period_months": ("Seguidores por mes", "Followers by month"),
        "period_activity": ("Actividad por mes", "Activity by month"),
        "period_accounts": ("Actividad por cuenta", "Activity by account"),
        "period_best_posts": ("Mejores publicaciones", "Best posts"),
        "period_news": ("Noticias", "News"),
        "period_free_press": ("Free press", "Free press"),
        "period_targets": ("Metas", "Targets"),
        "quality_nights": ("Noches con fallas", "Failed nights"),
        "quality_gaps": ("Días sin cifra", "Missing days"),
    }
)


# The period report's title as a subject, a heading and a page footer (h9).
LABELS.update({"period_subject": ("Informe del periodo", "Period report")})


def period_report_title(start: date, end: date, lang: str) -> str:
    """'Informe del periodo · 1 de enero de 2020 al 30 de septiembre de 2021': the period
    report's e-mail subject, and (after the organisation) its sheets' heading and page footer."""
    return f"{label('period_subject', lang)} · {date_range(start, end, lang)}"


# Campaigns (reports/answers/campaigns.py).
LABELS.update(
    {
        "campaign": ("Campaña", "Campaign"),
        "campaigns_title": ("Campañas", "Campaigns"),
        "campaign_from": ("Desde", "From"),
        "campaign_to": ("Hasta", "To"),
        "free_press_before_iva": ("Free press antes de IVA", "Free press before VAT"),
        "campaign_not_running": ("No corrió en el periodo", "Not running in the period"),
    }
)

# Share of voice (reports/answers/share.py).
LABELS.update(
    {
        "share_title": ("Cuota de voz en medios", "Share of voice in the news"),
        "share_own": ("Menciones propias", "Own mentions"),
        "share_peers": ("Menciones de referentes", "Peers' mentions"),
        "share_pct": ("Cuota de voz", "Share of voice"),
    }
)

# The reach, campaigns and share-of-voice sections of the weekly and period reports (h12,
# issue 16): reports/extras.py.
LABELS.update(
    {
        "reach_none": (
            "Sin datos de alcance ni de reproducciones en este periodo.",
            "No reach or views data for this period.",
        ),
        "reach_note": (
            "Alcance: el alcance diario sumado en los días medidos (una persona alcanzada dos "
            "días cuenta dos veces). En X, la cifra de las publicaciones son impresiones.",
            "Reach: the daily reach added over the days measured (a person reached on two days "
            "counts twice). On X the posts' figure is impressions.",
        ),
        "lives_none": (
            "Ninguna transmisión en vivo en este periodo.",
            "No live broadcasts in this period.",
        ),
        "campaigns_not_configured": (
            "No configurado: pulso.toml no define campañas.",
            "Not configured: pulso.toml defines no campaigns.",
        ),
        "campaigns_none_running": (
            "Ninguna campaña corrió en este periodo.",
            "No campaign ran in this period.",
        ),
        "share_not_configured": (
            "No configurado: pulso.toml no define referentes con términos de noticias.",
            "Not configured: pulso.toml defines no peers with news terms.",
        ),
        "share_none": (
            "Sin datos: ninguna mención de la oficina ni de sus referentes en este periodo.",
            "No data: no mentions of the office or its peers in this period.",
        ),
        "share_note": (
            "Cuota de voz: menciones propias ÷ (propias + de referentes) × 100, por medio.",
            "Share of voice: own mentions ÷ (own + peers') × 100, per outlet.",
        ),
    }
)
SHEETS.update(
    {
        "reach": ("Alcance", "Reach"),
        "live_videos": ("Transmisiones en vivo", "Live broadcasts"),
        "campaigns": ("Campañas", "Campaigns"),
        "share_of_voice": ("Cuota de voz", "Share of voice"),
    }
)
