"""Loading a catalog folder: strict validation with file:line(:column), and compilation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.loader import CatalogError
from sociaalhuis.catalog.parameters import values_on
from tests.catalog_files import FACTS, PARAMETERS, RIGHTS

MakeCatalog = Callable[..., Path]


def errors(root: Path) -> list[str]:
    _, problems = loader.check(root, today=date(2026, 11, 22))
    return [str(p) for p in problems if p.severity == "error"]


def test_small_catalog_loads(make_catalog: MakeCatalog) -> None:
    catalog = loader.load(make_catalog(), today=date(2026, 11, 22))
    assert [r.id for r in catalog.rights] == ["vt", "local", "senior"]
    assert catalog.right("local").depends_on == {"vt"}
    assert catalog.version == "t1"
    assert "role" in catalog.facts and catalog.facts["age"].derived


def test_rights_come_after_the_rights_they_depend_on(make_catalog: MakeCatalog) -> None:
    first = RIGHTS.split('[[right]]\nid = "local"')[1]
    reordered = (
        '[[right]]\nid = "local"'
        + first.split("[[right]]")[0]
        + RIGHTS.split('[[right]]\nid = "local"')[0]
    )
    catalog = loader.load(make_catalog(rights__core_toml=reordered))
    ids = [r.id for r in catalog.rights]
    assert ids.index("vt") < ids.index("local")


def test_condition_errors_name_file_line_and_column(make_catalog: MakeCatalog) -> None:
    broken = RIGHTS.replace('when = "any(gezin, leefloon)"', 'when = "any(gezin, lefloon)"')
    found = errors(make_catalog(rights__core_toml=broken))
    line = broken.splitlines().index('when = "any(gezin, lefloon)"') + 1
    column = len('when = "') + len("any(gezin, ") + 1
    assert found == [
        f"rights/core.toml:{line}:{column}: error: unknown name 'lefloon': not a fact, "
        "derived fact or parameter; did you mean 'leefloon'?"
    ]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("leefloon", "'leefloon' is a fact about a person"),
        ("household_income <= 'x'", "cannot compare an amount with text"),
        ("tenure = 'castle'", "'castle' is not one of the choices"),
        ("household_income and lives_in_herent", "'and' joins yes/no conditions"),
        ("household_income + 1", "a condition must be true or false"),
        ("eligible(vtt)", "unknown right 'vtt'; did you mean 'vt'?"),
        ("any(gezinnen, leefloon)", "unknown group 'gezinnen'"),
        ("sum(members, leefloon) > 1", "sum() needs a number per member"),
        ("any(members, any(members, leefloon))", "cannot be used inside another member"),
        ("years_between(household_income, evaluation_date) > 1", "needs two dates"),
        ("frobnicate(1) = 1", "unknown function 'frobnicate'"),
        ("lives_in_herent < true", "yes/no values can only be compared with = or !="),
        ("evaluation_date >= 2023-07-01 and", "expected a value"),
    ],
)
def test_meaningless_conditions_are_rejected(
    make_catalog: MakeCatalog, condition: str, message: str
) -> None:
    broken = RIGHTS.replace('when = "lives_in_herent and eligible(vt)"', f'when = "{condition}"')
    found = errors(make_catalog(rights__core_toml=broken))
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith("rights/core.toml:")


def test_toml_syntax_error_names_line(make_catalog: MakeCatalog) -> None:
    found = errors(make_catalog(parameters__core_toml=PARAMETERS + "\n[parameter.x\n"))
    line = len((PARAMETERS + "\n").splitlines()) + 1
    assert len(found) == 1 and found[0].startswith(f"parameters/core.toml:{line}:")
    assert "not valid TOML" in found[0]


def test_overlapping_periods_missing_sources_and_unknown_fields(
    make_catalog: MakeCatalog,
) -> None:
    extra = """
[parameter.overlap]
type = "money"
label = "overlap"
colour = "blue"

[[parameter.overlap.period]]
valid_from = 2024-01-01
verified_on = 2024-05-01
until = 2024-12-31
value = "1"
source = "a"

[[parameter.overlap.period]]
valid_from = 2024-06-01
verified_on = 2024-05-01
value = "2,5"
source = "b"

[[parameter.overlap.period]]
valid_from = 2025-06-01
verified_on = 2024-05-01
value = "3"
"""
    found = errors(make_catalog(parameters__extra_toml=extra))
    text = "\n".join(found)
    assert "parameters/extra.toml:5:" in text and "unknown field 'colour'" in text
    assert (
        "parameters/extra.toml:17:9: error: parameter overlap, period 2: 'value' must be an "
        "amount" in text
    )
    assert (
        "parameters/extra.toml:20: error: parameter overlap, period 3: 'source' is required" in text
    )


def test_overlap_is_reported_with_both_places(make_catalog: MakeCatalog) -> None:
    extra = """
[parameter.overlap]
type = "money"
label = "overlap"

[[parameter.overlap.period]]
valid_from = 2024-01-01
verified_on = 2024-05-01
until = 2024-12-31
value = "1"
source = "a"

[[parameter.overlap.period]]
valid_from = 2024-06-01
verified_on = 2024-05-01
value = "2"
source = "b"
"""
    found = errors(make_catalog(parameters__extra_toml=extra))
    assert found == [
        "parameters/extra.toml:13: error: parameter overlap: period from 2024-06-01 overlaps "
        "the period from 2024-01-01 (parameters/extra.toml:6)"
    ]


def test_duplicate_ids_across_files(make_catalog: MakeCatalog) -> None:
    duplicate = FACTS.split("[fact.dependant]")[0]
    found = errors(make_catalog(facts__more_toml=duplicate))
    assert found == [
        "facts/more.toml:1: error: fact 'birth_date' is already defined at facts/core.toml:1"
    ]
    rights = errors(make_catalog(rights__more_toml=RIGHTS.split('[[right]]\nid = "local"')[0]))
    assert "rights/more.toml:1: error: right 'vt' is already defined at rights/core.toml:1" in (
        rights
    )


def test_missing_sources_and_bad_enumerations(make_catalog: MakeCatalog) -> None:
    broken = RIGHTS.replace(
        'level = "lokaal"\nprovider = "Sociaal Huis Herent"\nobtained = "grant"',
        'level = "gemeentelijk"\nprovider = "Sociaal Huis Herent"\nobtained = "grant"',
        1,
    )
    broken = broken.replace(
        'sources = ["beleidsplan"]\nverified_on = 2022-03-08\nwhen = "lives',
        'sources = []\nverified_on = 2022-03-08\nwhen = "lives',
        1,
    )
    found = "\n".join(errors(make_catalog(rights__core_toml=broken)))
    assert "'level' must be one of federaal, Vlaams, provinciaal, lokaal" in found
    assert "'sources' may not be empty" in found


def test_circular_rights_and_derived_facts(make_catalog: MakeCatalog) -> None:
    circular = RIGHTS.replace(
        'label = "leefloon"\nwhen = "any(gezin, leefloon)"',
        'label = "leefloon"\nwhen = "eligible(local)"',
    )
    assert any(
        "in a circle: local → vt → local" in e or "in a circle: vt → local → vt" in e
        for e in errors(make_catalog(rights__core_toml=circular))
    )
    derived = (
        FACTS
        + """
[derived.a]
about = "household"
type = "number"
label = "a"
formula = "b + 1"

[derived.b]
about = "household"
type = "number"
label = "b"
formula = "a + 1"
"""
    )
    assert any(
        "define each other in a circle" in e for e in errors(make_catalog(facts__core_toml=derived))
    )


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        loader.load(tmp_path / "nowhere")
    assert "catalog folder not found" in str(caught.value)


def test_parameters_as_of_a_date_and_outdated_figures(make_catalog: MakeCatalog) -> None:
    catalog = loader.load(make_catalog(), today=date(2026, 11, 22))
    before = values_on(catalog, date(2024, 6, 1))
    assert before["base"].value == Decimal("100") and not before["base"].outdated
    assert before["indexed"].value is None  # the coefficient starts in 2025
    current = values_on(catalog, date(2025, 6, 1))
    assert current["indexed"].value == Decimal("165.00") and not current["indexed"].outdated
    later = values_on(catalog, date(2026, 11, 22))
    # The last base period has no end: current for 12 months, so lapsed by late 2026.
    assert later["base"].value == Decimal("110") and later["base"].outdated
    assert later["indexed"].outdated  # because one of its inputs is
    assert not later["coefficient"].outdated  # current for 24 months
    warnings = [str(w) for w in catalog.warnings]
    assert any(
        "parameter vt_limit: the last known figure (24155.16, since 2022-08-01) has lapsed" in w
        for w in warnings
    )


def test_next_years_index_is_one_figure(make_catalog: MakeCatalog) -> None:
    next_year = PARAMETERS.replace(
        "[parameter.indexed]",
        "[[parameter.coefficient.period]]\nvalid_from = 2027-01-01\nverified_on = 2026-12-03\n"
        'value = "1.6"\nsource = "t"\n\n'
        "[parameter.indexed]",
    )
    catalog = loader.load(make_catalog(parameters__core_toml=next_year))
    assert values_on(catalog, date(2027, 2, 1))["indexed"].value == Decimal("176.00")


def test_shipped_catalog_has_no_errors() -> None:
    catalog = loader.load()
    assert len(catalog.rights) >= 40
    assert all(right.sources and right.verified_on for right in catalog.rights)
