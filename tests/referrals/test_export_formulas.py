"""Cells a spreadsheet would run as a formula are written as plain text, in the HSDS export as
in every other CSV (one function, `spreadsheet.plain_cell`), and read back as they were."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.referrals import hsds
from sociaalhuis.spreadsheet import FORMULA_STARTS, plain_cell, unplain_cell
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Organisation

EXAMPLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "hsds-example"
EVIL = {
    "name": '=HYPERLINK("http://evil.example","Klik")',
    "alternate_name": "-2+3+cmd|' /C calc'!A0",
    "description": "@SUM(1+1)",
    "email": "info@example.com",
}


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+32 16 12 34 56", "'+32 16 12 34 56"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("-4.75", "'-4.75"),
        ("Sociaal Huis", "Sociaal Huis"),
        ("", ""),
    ],
)
def test_plain_cell(cell, written):
    assert plain_cell(cell) == written
    assert unplain_cell(written) == cell


@given(st.text(alphabet=st.sampled_from("=+-@\t\r'0123456789.aZ "), max_size=12) | st.text())
def test_plain_cells_never_start_a_formula_and_read_back_as_written(cell):
    written = plain_cell(cell)
    assert unplain_cell(written) == cell
    assert not written.startswith(FORMULA_STARTS)


def _poison(folder: Path) -> None:
    path = folder / "organizations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows[0].update(EVIL)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


def test_the_hsds_export_writes_formula_cells_as_text_and_reads_them_back(
    db, admin, actor, tmp_path
):
    package = tmp_path / "package"
    shutil.copytree(EXAMPLE, package)
    _poison(package)
    hsds.import_package(db, admin, package)
    out = tmp_path / "export"
    hsds.export_package(db, actor, out)

    cells = {}
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, cell in row.items():
                    cells[(path.name, column, cell)] = cell
                    assert not cell.startswith(FORMULA_STARTS), (path.name, column, cell)
    written = {(column, cell) for (file, column, cell) in cells if file == "organizations.csv"}
    assert ("name", "'" + EVIL["name"]) in written
    assert ("alternate_name", "'" + EVIL["alternate_name"]) in written
    assert ("description", "'" + EVIL["description"]) in written
    assert ("phones.csv", "number", "'+44 1234 234567") in cells

    # Another installation reads the values as they were typed, not with the quote.
    other = Database.open(f"sqlite:///{(tmp_path / 'other.db').as_posix()}", create=True)
    try:
        with other.write() as session:
            other_admin = ensure_user(session, "beheer", "An Beheerder", "admin")
        hsds.import_package(other, other_admin, out)
        with other.read() as session:
            organisation = session.scalars(
                select(Organisation).where(Organisation.name == EVIL["name"])
            ).one()
            assert organisation.alternate_name == EVIL["alternate_name"]
            assert organisation.description == EVIL["description"]
            assert organisation.phone == "+44 1234 234567"
    finally:
        other.close()
