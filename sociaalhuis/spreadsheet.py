"""Text bound for a spreadsheet: cells that Excel or LibreOffice would run as a formula.

Every CSV the program writes (review lists, audit trail, screening changes, catalog review,
HSDS export) passes its cells through `plain_cell`; the HSDS importer undoes it with
`unplain_cell`, so a package read back is what was written.
"""

from __future__ import annotations

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_cell(cell: str) -> str:
    """`cell` as plain text: a leading quote keeps a spreadsheet from running it."""
    # Quotes already in front get one more, so that `unplain_cell` can tell them apart.
    if cell.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def unplain_cell(cell: str) -> str:
    """`cell` as it was before `plain_cell`."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
