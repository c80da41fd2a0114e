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
