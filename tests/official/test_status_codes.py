"""The status code table (resources/official-statuses.toml) against the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaalhuis.catalog import loader
from sociaalhuis.official.statusfile import StatusFileError, file_date_from_name, load_codes

CATALOG = loader.load()


def test_every_code_sets_a_person_status_fact_of_the_catalog() -> None:
    codes = load_codes(CATALOG)
    assert {"VT", "RIS", "IGO", "IVT", "IT"} <= set(codes)
    for status in codes.values():
        fact = CATALOG.facts[status.fact]
        assert (fact.about, fact.type) == ("person", "bool")
    assert codes["RIS"].since == "leefloon_since"


def test_a_code_naming_no_such_fact_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "codes.toml"
    table.write_text('[code.XX]\nfact = "no_such_fact"\nlabel = "x"\n', encoding="utf-8")
    with pytest.raises(StatusFileError, match=r"code\.XX\.fact"):
        load_codes(CATALOG, table)
    table.write_text('[code.YY]\nfact = "household_income"\nlabel = "y"\n', encoding="utf-8")
    with pytest.raises(StatusFileError, match="no person bool fact"):
        load_codes(CATALOG, table)


def test_the_file_date_in_a_name() -> None:
    assert str(file_date_from_name("statussen_20261201.csv")) == "2026-12-01"
    assert str(file_date_from_name("ksz-2026-11-28.csv")) == "2026-11-28"
    assert file_date_from_name("lijst_20261399.csv") is None
    assert file_date_from_name("lijst.csv") is None
