"""`python -m sociaalhuis catalog review`: the maintainer's to-do list from the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sociaalhuis.cli import main
from tests.catalog_files import FACTS

MakeCatalog = Callable[..., Path]


def test_review_as_text_csv_and_json(make_catalog: MakeCatalog, capsys) -> None:
    folder = str(make_catalog())
    base = ["catalog", "review", "--catalog", folder, "--date", "2026-11-22"]
    assert main(base) == 0
    text = capsys.readouterr().out
    assert "Na te kijken op 22/11/2026" in text and "(11)" in text
    assert main([*base, "--format", "csv", "--age", "30"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["due"] for row in table} == {"validity_ended", "verified_long_ago"}
    assert main([*base, "--format", "json", "--age", "3650"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in found] == ["vt_limit", "vt_step", "base", "coefficient"]


def test_review_of_a_catalog_with_errors_names_them(make_catalog: MakeCatalog, capsys) -> None:
    folder = make_catalog(facts__core_toml=FACTS.replace('type = "date"', 'type = "datum"', 1))
    assert main(["catalog", "review", "--catalog", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "facts/core.toml:3:" in err and "'type' must be one of" in err


@pytest.mark.parametrize("args", [["--age", "0"], ["--age", "jaar"], ["--date", "1/1/2027"]])
def test_review_refuses_bad_options(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["catalog", "review", *args])
    assert stop.value.code == 2
    assert "error: argument" in capsys.readouterr().err
