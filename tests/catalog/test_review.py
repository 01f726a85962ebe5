"""The review list: which figures and sources are due, when, and in which order."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.review import as_csv, as_json, as_text, review
from tests.catalog_files import PARAMETERS

MakeCatalog = Callable[..., Path]
ON = date(2026, 11, 22)
REASON = "Geen bedrag voor 2025 of 2026 gevonden in de geraadpleegde bronnen."


def rows(make_catalog: MakeCatalog, age: int = 365, **files: str) -> list[tuple[str, str, str]]:
    catalog = loader.load(make_catalog(**files), today=ON)
    return [(item.date.isoformat(), item.id, item.due) for item in review(catalog, ON, age)]


def test_soonest_first_with_what_is_due(make_catalog: MakeCatalog) -> None:
    # The test catalog's figures: vt_limit and vt_step from 1/8/2022 (12 months), base from
    # 1/1/2025 (12 months), coefficient from 1/1/2025 (24 months), all read on 1/5/2024;
    # rights read on 1/5/2024 (vt) and 8/3/2022 (local, senior).
    assert rows(make_catalog) == [
        ("2023-03-08", "local", "verified_long_ago"),
        ("2023-03-08", "senior", "verified_long_ago"),
        ("2023-07-31", "vt_limit", "validity_ended"),
        ("2023-07-31", "vt_step", "validity_ended"),
        ("2025-05-01", "base", "verified_long_ago"),
        ("2025-05-01", "coefficient", "verified_long_ago"),
        ("2025-05-01", "vt_limit", "verified_long_ago"),
        ("2025-05-01", "vt_step", "verified_long_ago"),
        ("2025-05-01", "vt", "verified_long_ago"),
        ("2025-12-31", "base", "validity_ended"),
        ("2026-12-31", "coefficient", "validity_ends"),
    ]


def test_the_age_sets_both_how_old_and_how_soon(make_catalog: MakeCatalog) -> None:
    # Thirty days: nothing read since 23/10/2026 is old, only figures ending by 22/12/2026.
    found = rows(make_catalog, age=30)
    assert ("2026-12-31", "coefficient", "validity_ends") not in found
    assert ("2023-07-31", "vt_limit", "validity_ended") in found
    # Ten years: no source is old yet; every figure ends within the window.
    found = rows(make_catalog, age=3650)
    assert {due for _, _, due in found} == {"validity_ended", "validity_ends"}


def test_a_freshly_read_source_is_not_listed(make_catalog: MakeCatalog) -> None:
    fresh = PARAMETERS.replace(
        'verified_on = 2024-05-01\nvalue = "1.5"', 'verified_on = 2026-11-01\nvalue = "1.5"'
    )
    found = rows(make_catalog, parameters__core_toml=fresh)
    assert ("2025-05-01", "coefficient", "verified_long_ago") not in found
    assert ("2026-12-31", "coefficient", "validity_ends") in found


def test_a_lapsed_figure_is_listed_with_its_reason(make_catalog: MakeCatalog) -> None:
    lapsed = PARAMETERS.replace('label = "grens"\n', f'label = "grens"\nlapsed = "{REASON}"\n')
    catalog = loader.load(make_catalog(parameters__core_toml=lapsed), today=ON)
    items = review(catalog, ON)
    item = next(item for item in items if item.id == "vt_limit" and item.due == "lapsed")
    assert item.date == date(2023, 7, 31)
    assert item.detail.endswith(REASON)
    assert item.sources == ("https://www.fsmb.be/nl/inkomensonderzoek",)
    assert str(item.place) == "parameters/core.toml:6"  # the last period
    assert not any(i.id == "vt_limit" and i.due == "validity_ended" for i in items)


def test_text_csv_and_json_carry_the_same_items(make_catalog: MakeCatalog) -> None:
    catalog = loader.load(make_catalog(), today=ON)
    items = review(catalog, ON)
    text = as_text(items, ON, 365)
    assert text.startswith("Na te kijken op 22/11/2026")
    lines = text.splitlines()
    assert lines[2].split() == ["vervalt", "soort", "id", "wat", "toelichting", "—", "bron"]
    assert lines[3].startswith("8/3/2023    recht      local")
    assert "bron lang niet nagelezen  nagelezen op 8/3/2022" in lines[3]
    table = list(csv.DictReader(io.StringIO(as_csv(items))))
    assert [row["id"] for row in table] == [item.id for item in items]
    assert table[2]["kind"] == "parameter" and table[2]["date"] == "2023-07-31"
    assert table[2]["what"] == "geldigheid verstreken"
    document = json.loads(as_json(items))
    assert document[0]["sources"] == ["beleidsplan"] and document[0]["kind"] == "right"


def test_nothing_due_says_so(make_catalog: MakeCatalog) -> None:
    assert as_text([], ON, 365).endswith("Niets na te kijken.\n")


def test_a_csv_cell_a_spreadsheet_would_run_is_made_plain(make_catalog: MakeCatalog) -> None:
    odd = PARAMETERS.replace('"1.5"\nsource = "test"', '"1.5"\nsource = "=HYPERLINK(1)"')
    catalog = loader.load(make_catalog(parameters__core_toml=odd), today=ON)
    table = list(csv.DictReader(io.StringIO(as_csv(review(catalog, ON)))))
    assert any(row["sources"] == "'=HYPERLINK(1)" for row in table)
