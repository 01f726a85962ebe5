"""Text bound for a spreadsheet: cells that Excel or LibreOffice would run as a formula."""

from __future__ import annotations

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_cell(cell: str) -> str:
    """`cell` as plain text: a leading quote keeps a spreadsheet from running it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
