"""The review's lists as a file for a monthly report: CSV, XLSX or JSON, with the list, the
filters and the date written in the file itself.

`export` only writes; `export_review` is the service that reads a whole list for a user
allowed to see it and records the export (counts and format, never names) in the audit trail.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import ValidationError
from sociaalhuis.review.filters import CATALOG_LEVELS, ReviewFilters
from sociaalhuis.review.lists import LISTS, ReviewRow, check_list, page
from sociaalhuis.spreadsheet import plain_cell
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import User

FORMATS = ("csv", "xlsx", "json")
PAGE_ROWS = 1000
TITLES = {
    "eligible": "Rechthebbend, nog geen beslissing",
    "possible": "Mogelijk rechthebbend, vragen open",
    "overdue": "Doorverwijzingen en aanvragen voorbij hun opvolgdatum",
}
FILTER_LABELS = {
    "right_id": "Recht",
    "level": "Niveau",
    "provider": "Verstrekker",
    "worker_id": "Maatschappelijk werker",
    "deelgemeente": "Deelgemeente",
    "age_band": "Leeftijd aanvrager",
    "household_type": "Gezinsvorm",
}
COLUMNS = (
    ("applicant", "Aanvrager"),
    ("deelgemeente", "Deelgemeente"),
    ("worker", "Maatschappelijk werker"),
    ("right_id", "Recht (code)"),
    ("right_name", "Recht"),
    ("level", "Niveau"),
    ("provider", "Verstrekker"),
    ("yearly_value", "Geschatte waarde per jaar (EUR)"),
    ("questions", "Open vragen"),
    ("follow_up_on", "Opvolgen op"),
    ("detail", "Wat wacht"),
    ("household_id", "Gezin (id)"),
)


def export(
    rows: Sequence[ReviewRow],
    path: Path,
    fmt: str,
    filters: ReviewFilters,
    on: date,
    which: str,
    *,
    shown: dict[str, str] | None = None,
) -> None:
    """Write `rows` of list `which` to `path` in `fmt`, with the filters and the date;
    `shown` gives a filter's value as a reader knows it (a worker's name for their id)."""
    if fmt not in FORMATS:
        raise ValidationError("format", f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    header = _header(filters, on, which, shown or {})
    if fmt == "csv":
        _csv(rows, path, header)
    elif fmt == "xlsx":
        _xlsx(rows, path, header)
    else:
        values = {name: (shown or {}).get(name, v) for name, v in filters.as_dict().items()}
        _json(rows, path, which, on, values)


def export_review(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    which: str,
    filters: ReviewFilters,
    path: Path,
    fmt: str,
    today: date | None = None,
) -> int:
    """Export every row of a list as the review shows it; returns the number of rows. The
    file appears only once the export is recorded in the audit trail."""
    check_list(catalog, which, filters)
    if fmt not in FORMATS:
        raise ValidationError("format", f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    authorize(db, actor, VIEW_NON_TAKE_UP)
    on = today or date.today()
    rows: list[ReviewRow] = []
    with db.read() as session:
        # One session: every page is read from the same state of the database.
        while True:
            part = page(session, catalog, which, filters, PAGE_ROWS, len(rows), on)
            rows += part
            if len(part) < PAGE_ROWS:
                break
        shown = {}
        if filters.worker_id is not None:
            worker = session.get(User, filters.worker_id)
            shown["worker_id"] = worker.display_name if worker else str(filters.worker_id)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", dir=folder)
    except OSError as exc:
        raise ValidationError("output", f"cannot write in {folder} ({exc.strerror})") from None
    os.close(handle)
    try:
        export(rows, Path(temporary), fmt, filters, on, which, shown=shown)
        with db.write() as session:
            audit.record(
                session,
                actor,
                "review.exported",
                "review",
                None,
                list=which,
                rows=len(rows),
                households=len({row.household_id for row in rows}),
                format=fmt,
                filters=sorted(filters.as_dict()),
                on=on.isoformat(),
            )
        os.replace(temporary, path)
    except OSError as exc:
        raise ValidationError("output", f"cannot write {path} ({exc.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return len(rows)


def _header(
    filters: ReviewFilters, on: date, which: str, shown: dict[str, str]
) -> list[tuple[str, str]]:
    """(label, value) lines describing the export."""
    lines = [("Lijst", TITLES.get(which, which)), ("Datum", on.isoformat())]
    for name, value in filters.as_dict().items():
        lines.append((FILTER_LABELS[name], shown.get(name, value)))
    if len(lines) == 2:
        lines.append(("Filters", "geen"))
    return lines


def _text(row: ReviewRow, name: str) -> str:
    value = getattr(row, name)
    if value is None:
        return ""
    if name == "questions":
        return " | ".join(value)
    if name == "level":
        return CATALOG_LEVELS.get(value, value)  # in Dutch, as the catalog writes it
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")  # Belgian spreadsheets read a decimal comma
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv(rows: Sequence[ReviewRow], path: Path, header: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for label, value in header:
            writer.writerow([plain_cell(label), plain_cell(value)])
        writer.writerow([])
        writer.writerow([label for _, label in COLUMNS])
        for row in rows:
            writer.writerow([plain_cell(_text(row, name)) for name, _ in COLUMNS])


def _xlsx(rows: Sequence[ReviewRow], path: Path, header: list[tuple[str, str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Lijst"
    sheet.append([label for _, label in COLUMNS])
    for row in rows:
        sheet.append([_cell(row, name) for name, _ in COLUMNS])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.data_type == "f":  # text starting with "=" is kept as text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    about = book.create_sheet("Filters")
    for label, value in header:
        about.append([label, value])
    for line in about.iter_rows():
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"
    book.save(path)


def _cell(row: ReviewRow, name: str) -> Any:
    value = getattr(row, name)
    if name == "questions":
        return " | ".join(value)
    if name == "household_id":
        return str(value)
    if name == "level":
        return CATALOG_LEVELS.get(value, value)
    return value


def _json(
    rows: Sequence[ReviewRow], path: Path, which: str, on: date, filters: dict[str, str]
) -> None:
    def plain(row: ReviewRow, name: str) -> Any:
        value = getattr(row, name)
        if name == "questions":
            return list(value)
        return None if value is None else str(value)

    data = {
        "list": which,
        "title": TITLES.get(which, which),
        "date": on.isoformat(),
        "filters": filters,
        "rows": [{name: plain(row, name) for name, _ in COLUMNS} for row in rows],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


__all__ = ["FORMATS", "LISTS", "export", "export_review"]
