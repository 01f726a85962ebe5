"""Dates, numbers and money in the reader's language, from CLDR through Babel.

Dutch and French are those of Belgium (nl_BE, fr_BE). English is en_GB, not en_BE: en_BE's
short date has a two-digit year and it writes `1.234,50 €`, which an English reader takes for
one euro and a fraction; en_GB keeps the Belgian day/month order and writes `€1,234.50`.

CLDR separates with no-break spaces (`€\u00a01.234,50`, `1\u202f234,50\u00a0€`); they come
out as ordinary spaces, as the desk has always printed and as workers retype them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_currency, format_decimal

LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}
DayStyle = Literal["numeric", "compact", "long"]
# `numeric` is the two-digit day and month of Belgian forms and tables (03/12/2026), the same
# in every language; `compact` drops the leading zeros (3/12/2026) for running text; `long` is
# CLDR's long date (3 december 2026, 3 décembre 2026, 3 December 2026).
_DAY_PATTERNS = {"numeric": "dd/MM/y", "compact": "d/M/y"}
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@cache
def locale(language: str) -> Locale:
    """The Babel locale of `language` (nl, fr or en); ValueError for any other."""
    try:
        return Locale.parse(LOCALES[language])
    except KeyError:
        raise ValueError(
            f"no locale for language {language!r}; choose one of {', '.join(LOCALES)}"
        ) from None


def format_day(value: date, language: str = "nl", style: DayStyle = "numeric") -> str:
    """`value` as `03/12/2026` (numeric), `3/12/2026` (compact) or `3 december 2026` (long)."""
    pattern = "long" if style == "long" else _DAY_PATTERNS[style]
    return _babel_date(value, pattern, locale=locale(language)).translate(_SPACES)


def format_moment(value: datetime, language: str = "nl", *, seconds: bool = True) -> str:
    """`03/12/2026 14:05:09` (or `03/12/2026 14:05`): a numeric date and the 24-hour time."""
    pattern = "dd/MM/y HH:mm:ss" if seconds else "dd/MM/y HH:mm"
    return _babel_datetime(value, pattern, tzinfo=value.tzinfo, locale=locale(language))


def format_money(value: Decimal, language: str = "nl") -> str:
    """`€ 1.234,50` (nl), `1 234,50 €` (fr), `€1,234.50` (en): always two decimals."""
    text = format_currency(value, "EUR", locale=locale(language))
    return text.translate(_SPACES)


def format_number(value: Decimal | int, language: str = "nl") -> str:
    """`21.400`, `0,125` (nl), `21 400` (fr), `21,400` (en): every digit the value has and no
    trailing zeros (`21400.00` → `21.400`)."""
    if isinstance(value, Decimal) and value.is_finite():
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # `2E+4` back to 20000 before formatting
    text = format_decimal(value, locale=locale(language), decimal_quantization=False)
    return text.translate(_SPACES)
