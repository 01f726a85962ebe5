"""Catalog and situation input that once crashed the evaluator or the loaders (NaN, infinities,
huge numbers, deep nesting, out-of-range arguments) now gives an error naming the file, the
line and the field (issue 14, point 7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from sociaalhuis.cases.national_number import normalise
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.loader import CatalogError
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import from_json_file, parse
from sociaalhuis.errors import ValidationError
from tests.catalog_files import PARAMETERS, RIGHTS

MakeCatalog = Callable[..., Path]
ON = date(2026, 11, 22)
LOCAL_WHEN = 'when = "lives_in_herent and eligible(vt)"'
LOCAL_LINE = 26  # the line of LOCAL_WHEN in rights/core.toml
VALUE_LINE = 8  # the line of vt_limit's first value in parameters/core.toml


def with_local_when(condition: str) -> str:
    return RIGHTS.replace(LOCAL_WHEN, f"when = {json.dumps(condition)}")


def first_error(root: Path) -> str:
    with pytest.raises(CatalogError) as caught:
        loader.load(root, today=ON)
    return str(caught.value)


@pytest.mark.parametrize("decimals", ["25", "999999999", "1.5"])
def test_round_to_too_many_decimals_is_a_catalog_error(make_catalog: MakeCatalog, decimals):
    rights = with_local_when(f"round(household_income, {decimals}) > 1")
    found = first_error(make_catalog(rights__core_toml=rights))
    assert f"rights/core.toml:{LOCAL_LINE}:" in found
    assert "round() takes a whole number of decimals from 0 to 10" in found


def test_round_of_a_huge_intermediate_result_does_not_crash(make_catalog: MakeCatalog):
    # 10^40 × the income asks quantize() for more than Decimal's 28 digits.
    rights = with_local_when(f"round({'9' * 40} * household_income, 2) > 1 and lives_in_herent")
    catalog = loader.load(make_catalog(rights__core_toml=rights), today=ON)
    situation = parse(catalog, {"household": {"household_income": 1, "lives_in_herent": True}})
    verdicts = {v.right.id: v.verdict for v in Evaluator(catalog).evaluate(situation, ON)}
    assert verdicts["local"] == "eligible"


@pytest.mark.parametrize(
    "condition",
    [
        "not " * 990 + "lives_in_herent",
        "(" * 990 + "lives_in_herent" + ")" * 990,
        "-" * 990 + "1 > 0",
    ],
    ids=["not", "brackets", "minus"],
)
def test_conditions_nested_990_deep_are_a_catalog_error(make_catalog: MakeCatalog, condition):
    found = first_error(make_catalog(rights__core_toml=with_local_when(condition)))
    assert f"rights/core.toml:{LOCAL_LINE}:" in found
    assert "nested more than 40 levels deep" in found


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", '"1000000000000000"'])
def test_a_parameter_that_is_not_a_usable_amount_is_a_catalog_error(
    make_catalog: MakeCatalog, value
):
    parameters = PARAMETERS.replace('value = "24155.16"', f"value = {value}")
    found = first_error(make_catalog(parameters__core_toml=parameters))
    assert f"parameters/core.toml:{VALUE_LINE}:" in found
    assert "parameter vt_limit, period 1: 'value' must be an amount" in found


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (1e308, "1e+308"),
        (10**5000, "a number of more than 60 digits"),
        (Decimal("NaN"), "Decimal('NaN')"),
    ],
    ids=["nan", "inf", "-inf", "1e308", "10**5000", "Decimal NaN"],
)
def test_a_situation_number_that_is_not_finite_or_too_large_names_the_field(
    make_catalog: MakeCatalog, value, shown
):
    catalog = loader.load(make_catalog(), today=ON)
    with pytest.raises(ValidationError) as caught:
        parse(catalog, {"household": {"household_income": value}, "members": [{"role": "x"}]})
    assert caught.value.field == "household.household_income"
    limit = "1,000,000,000,000,000"
    assert caught.value.reason == f"must be a finite number below {limit}, not {shown}"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"household": {"household_income": NaN}}', "must be a finite number"),
        ('{"household": {"household_income": 1e999}}', "must be a finite number"),
        ('{"household": {"household_income": ' + "9" * 5000 + "}}", "not usable JSON"),
        ("[" * 100_000 + "]" * 100_000, "not usable JSON: nested too deeply"),
    ],
    ids=["NaN", "1e999", "5000 digits", "deep"],
)
def test_a_situation_file_with_hostile_numbers_names_the_file(
    make_catalog: MakeCatalog, tmp_path: Path, text, reason
):
    catalog = loader.load(make_catalog(), today=ON)
    path = tmp_path / "gezin.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        from_json_file(catalog, path)
    assert caught.value.field.startswith(str(path))
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("00000000000", "cannot be all zeros"),
        ("00.00.00-000.00", "cannot be all zeros"),
        ("0", "has 11 digits"),
        ("8503141230²", "only digits"),
    ],
)
def test_national_numbers_refused_for_the_right_reason(raw, reason):
    with pytest.raises(ValidationError) as caught:
        normalise("members[0].national_number", raw)
    assert caught.value.field == "members[0].national_number"
    assert reason in caught.value.reason
