"""The period format: `valid_from` and `verified_on`, a parameter's `lapsed` reason, and clear
errors for the names of the older format (`from`, `last_verified`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.parameters import values_on
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.explain import Explainer
from sociaalhuis.eligibility.situation import Situation
from tests.catalog_files import PARAMETERS, RIGHTS

MakeCatalog = Callable[..., Path]
ON = date(2026, 11, 22)
REASON = "Geen bedrag voor 2025 of 2026 gevonden in de geraadpleegde bronnen."


def errors(root: Path) -> list[str]:
    _, problems = loader.check(root, today=ON)
    return [str(p) for p in problems if p.severity == "error"]


def test_both_dates_of_a_period_are_read(make_catalog: MakeCatalog) -> None:
    catalog = loader.load(make_catalog(), today=ON)
    period = catalog.parameters["vt_limit"].periods[0]
    assert period.start == date(2022, 8, 1)
    assert period.verified_on == date(2024, 5, 1)
    assert catalog.right("local").verified_on == date(2022, 3, 8)


def test_the_old_from_names_its_file_line_and_new_name(make_catalog: MakeCatalog) -> None:
    old = PARAMETERS.replace(
        "valid_from = 2022-08-01\nverified_on = 2024-05-01", "from = 2022-08-01"
    )
    found = errors(make_catalog(parameters__core_toml=old))
    assert found[0].startswith(
        "parameters/core.toml:6:8: error: parameter vt_limit, period 1: 'from' is now called "
        "'valid_from'"
    )
    # One error per old name: no "valid_from is required" on top of it.
    assert not any("'valid_from' is required" in line for line in found)


def test_verified_on_is_required_on_a_period(make_catalog: MakeCatalog) -> None:
    without = PARAMETERS.replace(
        'verified_on = 2024-05-01\nvalue = "24155.16"', 'value = "24155.16"'
    )
    found = errors(make_catalog(parameters__core_toml=without))
    assert found == [
        "parameters/core.toml:5: error: parameter vt_limit, period 1: 'verified_on' is required"
    ]


def test_the_old_last_verified_names_the_new_name(make_catalog: MakeCatalog) -> None:
    old = RIGHTS.replace("verified_on = 2022-03-08", "last_verified = 2022-03-08", 1)
    found = errors(make_catalog(rights__core_toml=old))
    assert found == [
        "rights/core.toml:25:17: error: right local: 'last_verified' is now called 'verified_on' "
        "(the date the sources were read)"
    ]


def test_lapsed_reason_goes_with_the_outdated_figure(make_catalog: MakeCatalog) -> None:
    lapsed = PARAMETERS.replace(
        'label = "grens"\n', f'label = "grens"\nlapsed = "{REASON}"\n'
    ).replace('label = "basisbedrag"\n', f'label = "basisbedrag"\nlapsed = "{REASON}"\n')
    catalog, problems = loader.check(make_catalog(parameters__core_toml=lapsed), today=ON)
    assert catalog is not None
    values = values_on(catalog, ON)
    assert values["vt_limit"].outdated and values["vt_limit"].reason == REASON
    assert values["vt_step"].outdated and values["vt_step"].reason == ""
    # A formula is outdated with the reasons of its outdated inputs.
    assert values["indexed"].outdated and values["indexed"].reason == REASON
    warning = next(str(p) for p in problems if "vt_limit" in p.message)
    assert warning.endswith(f"verdicts using it say 'verouderd cijfer': {REASON}")
    # While the figure is current, nothing is said.
    early = values_on(catalog, date(2023, 1, 1))["vt_limit"]
    assert not early.outdated and early.reason == ""


def test_lapsed_on_a_formula_is_an_error(make_catalog: MakeCatalog) -> None:
    bad = PARAMETERS.replace(
        'formula = "round(base * coefficient, 2)"',
        f'formula = "round(base * coefficient, 2)"\nlapsed = "{REASON}"',
    )
    found = errors(make_catalog(parameters__core_toml=bad))
    assert len(found) == 1 and "parameter indexed: 'lapsed' belongs on the parameters" in found[0]


def test_the_explanation_gives_the_lapsed_reason(make_catalog: MakeCatalog) -> None:
    lapsed = PARAMETERS.replace('label = "grens"\n', f'label = "grens"\nlapsed = "{REASON}"\n')
    evaluator = Evaluator(loader.load(make_catalog(parameters__core_toml=lapsed), today=ON))
    members = (
        ("m1", {"role": "applicant", "leefloon": False}),
        ("m2", {"role": "partner", "leefloon": False}),
    )
    situation = Situation({"household_income": 30000}, members)
    verdict = next(v for v in evaluator.evaluate(situation, ON) if v.right.id == "vt")
    assert verdict.outdated
    text = "\n".join(Explainer(evaluator, situation, ON).reasons(verdict))
    line = "Let op: gebaseerd op een verouderd cijfer: grens € 24.155,16 sinds 1/8/2022."
    assert f"{line} {REASON}" in text


def test_an_explanation_before_a_figure_exists_says_so_and_does_not_fail(
    make_catalog: MakeCatalog,
) -> None:
    # A member condition that reads a figure: before its first period the explanation
    # shows the member's part as unknown instead of stopping at the missing figure.
    rights = RIGHTS + (
        '\n[[right]]\nid = "rich"\nname = "Rijk"\nlevel = "lokaal"\nprovider = "x"\n'
        'obtained = "refer"\nsources = ["test"]\nverified_on = 2024-05-01\n'
        'when = "any(members, age * 1000 >= vt_limit)"\n'
    )
    evaluator = Evaluator(loader.load(make_catalog(rights__core_toml=rights), today=ON))
    situation = Situation({}, (("m1", {"role": "applicant", "birth_date": date(1950, 1, 1)}),))
    early = date(2020, 1, 1)
    verdict = next(v for v in evaluator.evaluate(situation, early) if v.right.id == "rich")
    assert "vt_limit has no value on 2020-01-01" in verdict.error
    text = "\n".join(Explainer(evaluator, situation, early).reasons(verdict))
    assert "Kan niet beoordeeld worden" in text and "(m1: onbekend)" in text
