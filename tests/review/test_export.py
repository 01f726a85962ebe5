"""Exports of the review: the XLSX opens with openpyxl and holds exactly the rows, CSV cells
that a spreadsheet would run are neutralised, the list, filters and date are in every file;
the `non-take-up` command with real files and bad options."""

from __future__ import annotations

import csv
import json
import uuid
from dataclasses import replace
from decimal import Decimal

from openpyxl import load_workbook
from sqlalchemy import select

from sociaalhuis.cli import main
from sociaalhuis.review import export, lists
from sociaalhuis.review.lists import ReviewFilters, ReviewRow
from sociaalhuis.storage.models import AuditEvent
from tests.review.review_world import CATALOG, ON, build, everything

HOSTILE = ReviewRow(
    list="eligible",
    household_id=uuid.UUID(int=7),
    applicant='=HYPERLINK("http://x")',
    deelgemeente="Herent",
    worker="+Lien",
    right_id="budgetbegeleiding",
    right_name="-Budgetbegeleiding",
    level="local",
    provider="@Sociaal Huis",
    yearly_value=Decimal("1234.50"),
    questions=("=1+2", "Heeft u een huurcontract?"),
    follow_up_on=ON,
    detail="",
)


def _csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_csv_neutralises_formula_cells_and_names_list_filters_and_date(tmp_path):
    path = tmp_path / "lijst.csv"
    filters = ReviewFilters(deelgemeente="Herent", age_band="65+")
    export.export(
        [HOSTILE, replace(HOSTILE, yearly_value=None)], path, "csv", filters, ON, "eligible"
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(path)
    assert rows[0] == ["Lijst", export.TITLES["eligible"]]
    assert rows[1] == ["Datum", "2026-12-03"]
    assert ["Deelgemeente", "Herent"] in rows[:6] and ["Leeftijd aanvrager", "65+"] in rows[:6]
    data = rows[rows.index([label for _, label in export.COLUMNS]) + 1 :]
    assert len(data) == 2
    cells = [cell for row in data for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert data[0][0] == '\'=HYPERLINK("http://x")' and data[0][2] == "'+Lien"
    assert "1234,50" in data[0] and data[1][7] == ""


def test_xlsx_opens_and_holds_exactly_the_rows_with_filters_and_date(db, tmp_path):
    world = build(db, households=8, seed=6)
    filters = ReviewFilters(deelgemeente="Herent")
    path = tmp_path / "lijst.xlsx"
    written = export.export_review(db, world.lead, CATALOG, "possible", filters, path, "xlsx", ON)
    shown = everything(world, "possible", filters)
    assert written == len(shown) > 0
    book = load_workbook(path)
    sheet = book["Lijst"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(label for _, label in export.COLUMNS)
    assert [row[-1] for row in values[1:]] == [str(r.household_id) for r in shown]
    assert [(row[0], row[3]) for row in values[1:]] == [(r.applicant, r.right_id) for r in shown]
    about = dict(book["Filters"].iter_rows(values_only=True))
    assert about["Datum"] == "2026-12-03" and about["Deelgemeente"] == "Herent"
    with db.read() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "review.exported")
        ).one()
    recorded = json.loads(detail)
    assert recorded["rows"] == len(shown) and recorded["format"] == "xlsx"
    assert recorded["filters"] == ["deelgemeente"]
    assert not any(r.applicant in detail for r in shown)


def test_an_xlsx_cell_starting_with_equals_stays_text(tmp_path):
    path = tmp_path / "vijandig.xlsx"
    export.export([HOSTILE], path, "xlsx", lists.NO_FILTERS, ON, "eligible")
    sheet = load_workbook(path)["Lijst"]
    assert sheet["A2"].value == HOSTILE.applicant and sheet["A2"].data_type == "s"


def test_json_has_list_date_filters_and_rows(db, tmp_path):
    world = build(db, households=6, seed=2)
    path = tmp_path / "lijst.json"
    worker = world.workers[0]
    filters = ReviewFilters(worker_id=worker.user_id)
    export.export_review(db, world.lead, CATALOG, "eligible", filters, path, "json", ON)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["list"] == "eligible" and data["date"] == "2026-12-03"
    assert data["filters"] == {"worker_id": "Lien Peeters"}
    assert [row["right_id"] for row in data["rows"]] == [
        r.right_id for r in everything(world, "eligible", filters)
    ]


def test_the_command_writes_each_format_and_refuses_bad_options(tmp_path, capsys):
    url = f"sqlite:///{(tmp_path / 'sh.db').as_posix()}"
    from sociaalhuis.storage.database import Database

    db = Database.open(url, create=True)
    try:
        world = build(db, households=6, seed=12)
        want = len(everything(world, "overdue"))
    finally:
        db.close()
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"overdue.{fmt}"
        args = ["--database", url, "non-take-up", "--list", "overdue", "--format", fmt]
        assert main([*args, "--output", str(out)]) == 0
        assert out.is_file()
    assert len(json.loads((tmp_path / "overdue.json").read_text())["rows"]) == want
    out = tmp_path / "lien.csv"
    assert (
        main(
            [
                "--database",
                url,
                "non-take-up",
                "--worker",
                "lien",
                "--deelgemeente",
                "Herent",
                "--format",
                "csv",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert ["Maatschappelijk werker", "Lien Peeters"] in _csv_rows(out)[:6]
    capsys.readouterr()
    bad = {
        "--format": ["--format", "pdf"],
        "--list": ["--list", "all", "--format", "csv"],
        "--right": ["--right", "geen_recht", "--format", "csv"],
        "--worker": ["--worker", "niemand", "--format", "csv"],
        "--deelgemeente": ["--deelgemeente", "Leuven", "--format", "csv"],
        "--date": ["--date", "3/12/2026", "--format", "csv"],
        "--age-band": ["--age-band", "70+", "--format", "csv"],
    }
    for option, extra in bad.items():
        target = tmp_path / f"bad{option}.out"
        assert main(["--database", url, "non-take-up", *extra, "--output", str(target)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"error: {option}:"), err
        assert not target.exists()
    assert main(["--database", url, "non-take-up", "--format", "csv"]) == 1
    assert capsys.readouterr().err.startswith("error: --output:")
    missing = tmp_path / "nergens" / "lijst.csv"
    assert (
        main(["--database", url, "non-take-up", "--format", "csv", "--output", str(missing)]) == 1
    )
    assert capsys.readouterr().err.startswith("error: --output:")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]
