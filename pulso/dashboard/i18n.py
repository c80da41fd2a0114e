"""The dashboard's page words in Spanish (default) and English.

Column headers are not here: they come from the one vocabulary (reports/i18n.py) that the
weekly report, the CLI and the dashboard's downloads share.
"""

from __future__ import annotations

from reports.i18n import label

WORDS: dict[str, dict[str, str]] = {
    "es": {
        "app": "Pulso · Alcaldía de Cali",
        "growth": "Crecimiento",
        "compare": "Comparar periodos",
        "mentions": "Menciones",
        "valuation": "Free press",
        "reports": "Informes",
        "platforms": "Plataformas",
        "accounts": "Cuentas",
        "range": "Periodo",
        "last4w": "Últimas 4 semanas",
        "quarter": "Este trimestre",
        "year": "Este año",
        "since2020": "Desde el 1 de enero de 2020",
        "custom": "Personalizado",
        "from": "Desde",
        "to": "Hasta",
        "apply": "Aplicar",
        "followers_over_time": "Seguidores en el tiempo",
        "download": "Descargar",
        "this_year": "Este año",
        "last_year": "Año anterior",
        "no_data": "No hay datos para esta selección.",
        "switch_lang": "English",
        "search": "Buscar",
        "total": "Total",
        "iva": "IVA",
        "total_with_iva": "Total con IVA",
        "unvalued": "Sin valorar",
        "file": "Archivo",
        "size": "Tamaño",
        "open": "Abrir",
        "not_ready": "Esta sección aún no tiene datos: el módulo que la alimenta no está instalado.",
        "error": "Solicitud no válida",
        "selection_note": "Sin selección se muestran todas las cuentas.",
        "compare_note": "Mismas fechas en ambos años: del {start} al {end} frente al {prev_start} al {prev_end}.",
        "view": "Vista",
        "show": "Ver",
        "view_change": "Cambio desde el inicio (%)",
        "view_followers": "Seguidores",
        "view_small": "Un gráfico por cuenta",
        "change_note": "Variación de seguidores de cada cuenta desde su primera cifra del periodo, en porcentaje: cuentas de tamaños muy distintos se comparan en la misma escala. Pase el cursor sobre un punto para ver la cifra exacta; un tramo sin línea son días sin datos.",
        "gaps_note": "Pase el cursor sobre un punto para ver la cifra exacta; un tramo sin línea son días sin datos.",
        "peers_title": "Referentes (cuentas de comparación)",
        "peers_note": "Cuentas de otras entidades que se siguen como punto de comparación; no son cuentas de la Alcaldía.",
        "menu": "Menú",
        "period": "Periodo",
        "period_week": "Semana",
        "period_month": "Mes",
        "period_quarter": "Trimestre",
        "period_ytd": "Año hasta la fecha",
        "period_custom": "Personalizado",
        "current_period": "Periodo elegido",
        "prior_period": "Periodo anterior",
        "same_last_year": "Mismo periodo del año anterior",
        "vs_prior": "Frente al periodo anterior",
        "vs_last_year": "Frente al año anterior",
        "difference_in_new": "Diferencia en nuevos seguidores",
        "compare_prior_note": "Periodo anterior: del {start} al {end}.",
        "week_of": "Semana del {start} al {end}",
        "matching": "que contienen «{q}» (de {total} en el periodo)",
        "weekly_report": "Informe semanal",
        "period_reports": "Informes de periodo",
        "period_report": "Informe del periodo",
        "reports_note": "Un informe por semana, el más reciente primero. Cifras de la semana: seguidores nuevos de las cuentas propias, menciones en medios y free press antes de IVA.",
        "card_new_followers": "Seguidores nuevos",
        "card_mentions": "Menciones en medios",
        "card_free_press": "Free press (antes de IVA)",
        "no_files": "Sin archivos de informe.",
        "other_files": "Otros archivos",
        "no_reports": "Aún no hay informes semanales. Se generan con «pulso report weekly» o cada lunes de forma programada.",
        "back": "Volver a la página sin estos filtros",
        "mention_list": "Notas",
        "showing": "Mostrando {first}–{last} de {total}",
        "previous_page": "← Anteriores",
        "next_page": "Siguientes →",
        "full_list_in_download": "La lista completa está en la descarga.",
        "unvalued_more": "Se muestran las primeras {shown} de {total}; `pulso valuate` las lista todas.",
        "mention_one": "mención",
        "mention_many": "menciones",
        "by_week_outlet": "Por semana y medio",
        "compare_help": "Semana, mes o trimestre: sin fecha se muestra el último completo; con una fecha, el que la contiene.",
    },
    "en": {
        "app": "Pulso · Cali City Hall",
        "growth": "Growth",
        "compare": "Compare periods",
        "mentions": "Mentions",
        "valuation": "Free press",
        "reports": "Reports",
        "platforms": "Platforms",
        "accounts": "Accounts",
        "range": "Range",
        "last4w": "Last 4 weeks",
        "quarter": "This quarter",
        "year": "This year",
        "since2020": "Since 1 January 2020",
        "custom": "Custom",
        "from": "From",
        "to": "To",
        "apply": "Apply",
        "followers_over_time": "Followers over time",
        "download": "Download",
        "this_year": "This year",
        "last_year": "Last year",
        "no_data": "No data for this selection.",
        "switch_lang": "Español",
        "search": "Search",
        "total": "Total",
        "iva": "IVA (VAT)",
        "total_with_iva": "Total with IVA",
        "unvalued": "Not valued",
        "file": "File",
        "size": "Size",
        "open": "Open",
        "not_ready": "This section has no data yet: the module that feeds it is not installed.",
        "error": "Invalid request",
        "selection_note": "With nothing selected, every account is shown.",
        "compare_note": "Same dates in both years: {start} to {end} against {prev_start} to {prev_end}.",
        "view": "View",
        "show": "Show",
        "view_change": "Change since the start (%)",
        "view_followers": "Followers",
        "view_small": "One chart per account",
        "change_note": "Each account's change in followers since its first figure of the period, in per cent: accounts of very different sizes share one scale. Hover over a point for the exact figure; a stretch without a line is days without data.",
        "gaps_note": "Hover over a point for the exact figure; a stretch without a line is days without data.",
        "peers_title": "Benchmark (peer accounts)",
        "peers_note": "Other organisations' accounts followed for comparison; they are not the city's accounts.",
        "menu": "Menu",
        "period": "Period",
        "period_week": "Week",
        "period_month": "Month",
        "period_quarter": "Quarter",
        "period_ytd": "Year to date",
        "period_custom": "Custom",
        "current_period": "Chosen period",
        "prior_period": "Previous period",
        "same_last_year": "Same period last year",
        "vs_prior": "Against the previous period",
        "vs_last_year": "Against last year",
        "difference_in_new": "Difference in new followers",
        "compare_prior_note": "Previous period: {start} to {end}.",
        "week_of": "Week of {start} to {end}",
        "matching": "matching “{q}” (of {total} in the period)",
        "weekly_report": "Weekly report",
        "period_reports": "Period reports",
        "period_report": "Period report",
        "reports_note": "One report per week, newest first. The week's figures: new followers of the own accounts, media mentions and free press before IVA.",
        "card_new_followers": "New followers",
        "card_mentions": "Media mentions",
        "card_free_press": "Free press (before IVA)",
        "no_files": "No report files.",
        "other_files": "Other files",
        "no_reports": "No weekly reports yet. They are made by “pulso report weekly” or every Monday on schedule.",
        "back": "Back to the page without these filters",
        "mention_list": "Items",
        "showing": "Showing {first}–{last} of {total}",
        "previous_page": "← Previous",
        "next_page": "Next →",
        "full_list_in_download": "The full list is in the download.",
        "unvalued_more": "The first {shown} of {total} are shown; `pulso valuate` lists them all.",
        "mention_one": "mention",
        "mention_many": "mentions",
        "by_week_outlet": "By week and outlet",
        "compare_help": "Week, month or quarter: without a date the last complete one is shown; with a date, the one containing it.",
    },
}


# Template word -> the shared label it shows.
COLUMN_LABELS = {
    "platform": "platform",
    "account": "account",
    "start_date": "start_date",
    "start_followers": "start_followers",
    "end_date": "end_date",
    "end_followers": "end_followers",
    "change": "new_followers",
    "change_pct": "growth_pct",
    "difference": "difference",
    "week": "week",
    "outlet": "outlet",
    "medium": "medium",
    "title": "title_col",
    "published": "published",
    "terms": "terms",
    "count": "items_count",
    "value": "before_iva",
    "reason": "reason",
}


def words(lang: str) -> dict[str, str]:
    chosen = lang if lang in WORDS else "es"
    columns = {word: label(key, chosen) for word, key in COLUMN_LABELS.items()}
    return WORDS[chosen] | columns


# The Campañas page (pulso/dashboard/routes_campaigns.py).
WORDS["es"].update(
    campaigns="Campañas",
    campaign_days="Días en el periodo",
    campaigns_note=(
        "Publicaciones propias con los hashtags o términos de cada campaña, sus interacciones y "
        "alcance, y las menciones en medios con sus términos y su free press antes de IVA. "
        "«sin datos»: no medido."
    ),
    no_campaigns="No hay campañas configuradas ([[campaigns]] en pulso.toml).",
)
WORDS["en"].update(
    campaigns="Campaigns",
    campaign_days="Days in the period",
    campaigns_note=(
        "Own posts carrying each campaign's hashtags or terms, their interactions and reach, and "
        "the media mentions with its terms and their free press before IVA. "
        "“no data”: not measured."
    ),
    no_campaigns="No campaigns configured ([[campaigns]] in pulso.toml).",
)
COLUMN_LABELS.update(
    campaign="campaign",
    posts="posts",
    interactions="interactions",
    reach="reach",
    mentions_col="mentions",
    free_press_before_iva="free_press_before_iva",
    campaign_not_running="campaign_not_running",
)


# The Cuota de voz page (share of voice against `[[peers]]`).
WORDS["es"].update(
    share="Cuota de voz",
    share_note=(
        "Por medio y semana: menciones de la Alcaldía ÷ (las suyas + las de los referentes) × 100. "
        "Una nota que nombra a ambos cuenta para los dos."
    ),
    no_peers="No hay referentes con términos de noticias ([[peers]] en pulso.toml).",
)
WORDS["en"].update(
    share="Share of voice",
    share_note=(
        "Per outlet and week: the office's mentions ÷ (its own + the peers') × 100. "
        "An article naming both counts for both."
    ),
    no_peers="No peers with news terms configured ([[peers]] in pulso.toml).",
)
COLUMN_LABELS.update(share_own="share_own", share_pct="share_pct")


# The Alcance page (pulso/dashboard/routes_reach.py): reach, views and live broadcasts.
WORDS["es"].update(
    by_account="Por cuenta",
    reach_daily="Alcance por día",
    views_daily="Reproducciones por día",
    grain_day="Una cifra por día medido.",
    grain_week="Periodo largo: cada punto suma los días medidos de una semana (desde el lunes indicado).",
    grain_month="Periodo largo: cada punto suma los días medidos de un mes.",
    missing_note=(
        "«sin datos»: la plataforma no dio la cifra o la rechazó (el motivo se indica); "
        "nunca se cuenta como 0."
    ),
    days_title="Cifras por día",
    days_cut="Se muestran los {shown} días más recientes de {total}; la descarga los incluye todos.",
    top_views="Publicaciones más vistas",
    top_views_note="Publicadas en el periodo, con sus reproducciones (en X, impresiones) según la última lectura hasta el fin del periodo.",
    no_top_views="Ninguna publicación del periodo tiene reproducciones medidas.",
    live_note="Hora de inicio en {zone}.",
    open_post="Ver publicación",
)
WORDS["en"].update(
    by_account="Per account",
    reach_daily="Reach per day",
    views_daily="Views per day",
    grain_day="One figure per day measured.",
    grain_week="Long period: each point adds up the days measured in a week (from the Monday shown).",
    grain_month="Long period: each point adds up the days measured in a month.",
    missing_note=(
        "“no data”: the platform did not give the figure or refused it (the reason is shown); "
        "it never counts as 0."
    ),
    days_title="Figures per day",
    days_cut="Showing the {shown} most recent days of {total}; the download has them all.",
    top_views="Most viewed posts",
    top_views_note="Published in the period, with their views (on X, impressions) as last read by the period's end.",
    no_top_views="No post of the period has views measured.",
    live_note="Start time in {zone}.",
    open_post="Open post",
)
