"""Reading and writing dates and amounts the Belgian-Dutch way: `22/11/2026`, `€ 1.288,46`."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from sociaalhuis.eligibility.explain import day, money, number
from sociaalhuis.locale_format import format_day

__all__ = ["day", "money", "number", "parse_amount", "parse_date", "show_date"]


def show_date(value: date | None) -> str:
    """`22/11/2026` (two-digit day and month, as on Belgian forms); empty when unknown."""
    return "" if value is None else format_day(value, "nl", "numeric")


def parse_date(text: str) -> date | None:
    """`22/11/2026`, `22-11-2026`, `22.11.2026`, `22112026` or `2026-11-22`; None for empty
    text.

    Raises ValueError with a Dutch-free reason the caller translates.
    """
    text = text.strip()
    if not text:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    digits = re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text)  # typed without separators
    if digits:
        dom, month, year = (int(part) for part in digits.groups())
    elif iso:
        year, month, dom = (int(part) for part in iso.groups())
    else:
        local = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if not local:
            raise ValueError("format")
        dom, month, year = (int(part) for part in local.groups())
    try:
        return date(year, month, dom)
    except ValueError:
        raise ValueError("no such day") from None


def parse_amount(text: str) -> Decimal | None:
    """`21400`, `21.400`, `21400,50`, `€ 21.400,50`; None for empty text; ValueError otherwise."""
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # thousands separators only
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError("format")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        raise ValueError("format") from None
