"""Pure parsers for the cells people type in spreadsheets (es-CO conventions).

Each raises ValueError with a message meant for the office: it shows the value and what was
expected. Thousands use '.', decimals ',' ($ 3.900.000,50); dates are DD/MM/YYYY or ISO.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_CURRENCY = re.compile(r"(?i)^\s*(cop|col\$|\$)?\s*|\s*(cop)?\s*$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_count(text: str) -> int:
    """A non-negative whole number: '235343', '235.343' (es-CO) or '235,343'."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if value.isdigit():
        return int(value)
    if _GROUPED.match(value) and len({ch for ch in value if not ch.isdigit()}) == 1:
        return int(re.sub(r"[.,]", "", value))
    if value.startswith("-") and value[1:].replace(".", "").isdigit():
        raise ValueError(f"{text!r} is negative; a count cannot be")
    raise ValueError(f"{text!r} is not a whole number (e.g. 235343 or 235.343)")


def parse_amount(text: str) -> Decimal:
    """Pesos: '3900000', '3.900.000', '$ 3.900.000', '3.900.000,50'; never negative."""
    value = _CURRENCY.sub("", text.strip()).replace(" ", "").replace("\u00a0", "")
    if value.startswith("-"):
        raise ValueError(f"{text!r} is negative; a price cannot be")
    integer, _, decimals = value.partition(",")
    if re.fullmatch(r"\d+\.\d{1,2}", value):
        # One dot followed by one or two digits is a decimal point, not a thousands mark.
        integer, decimals = value.split(".")
    elif _GROUPED.match(integer) and "," not in integer:
        integer = integer.replace(".", "")
    if not integer.isdigit() or (decimals and not decimals.isdigit()):
        raise ValueError(f"{text!r} is not an amount in pesos (e.g. 3900000 or $ 3.900.000)")
    try:
        return Decimal(f"{integer}.{decimals or '0'}")
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount in pesos") from None


def parse_day(text: str) -> date:
    """'2020-05-13' or '13/05/2020'; an impossible date (31/02/2021) is an error."""
    value = text.strip()
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"{text!r} is not a date (use DD/MM/YYYY or YYYY-MM-DD)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
