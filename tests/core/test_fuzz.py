"""Fuzzing the inputs people and partners hand us: the condition language, the situation
format, national register numbers and HSDS packages. Whatever comes in, only the project's own
errors come out (issue 14, point 7); each test stays at 100-150 examples to keep the suite
quick."""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.national_number import normalise
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.loader import CatalogError
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import from_json_file, parse
from sociaalhuis.errors import SociaalHuisError, ValidationError
from sociaalhuis.referrals import hsds
from sociaalhuis.referrals.hsds_tables import HsdsError
from sociaalhuis.storage.database import Database
from tests.catalog_files import CASES, FACTS, PARAMETERS, RIGHTS

ON = date(2026, 11, 22)
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "hsds-example"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
LOCAL_WHEN = 'when = "lives_in_herent and eligible(vt)"'

# -- the condition language ---------------------------------------------------------------------

NAMES = [
    "household_income", "lives_in_herent", "tenure", "birth_date", "dependant", "leefloon",
    "age", "vt_limit", "vt_step", "indexed", "gezin", "members", "role", "evaluation_date",
    "vt", "local", "nosuch", "'owner'", "'private_rent'", "'x'", "2026-02-30", "2026-11-22",
]  # fmt: skip
FUNCTIONS = ["any", "all", "count", "sum", "eligible", "years_between", "months_between",
             "min", "max", "round", "if"]  # fmt: skip
OPERATORS = ["and", "or", "not", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "in",
             "not in", ","]  # fmt: skip
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["0", "0.0", "1e5", "99999999999999999999999999999999", "25", "-25"]),
)
atoms = st.one_of(st.sampled_from(NAMES), numbers)


def _call(args: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda name, items: f"{name}({', '.join(items)})",
        st.sampled_from(FUNCTIONS),
        st.lists(args, max_size=3),
    )


expressions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(OPERATORS), inner),
        st.builds(lambda a: f"({a})", inner),
        st.builds(lambda a: f"not {a}", inner),
        st.builds(lambda a: f"-{a}", inner),
        st.builds(lambda items: f"[{', '.join(items)}]", st.lists(inner, max_size=3)),
        _call(inner),
    ),
    max_leaves=25,
)
# Well-typed conditions, so that many of them load and reach the evaluator.
amounts = st.recursive(
    st.one_of(
        st.sampled_from(["household_income", "vt_limit", "vt_step", "indexed", "count(gezin)"]),
        numbers,
        st.sampled_from(["0", "9" * 30, "0.000000000001"]),
    ),
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, st.sampled_from("+-*/"), inner),
        st.builds(lambda a, n: f"round({a}, {n})", inner, st.integers(0, 12)),
        st.builds(lambda a, n: f"round({a} * {'9' * 20}, {n})", inner, st.integers(0, 12)),
        st.builds(lambda f, a, b: f"{f}({a}, {b})", st.sampled_from(["min", "max"]), inner, inner),
        st.builds(lambda a: f"sum(gezin, {a})", inner),
    ),
    max_leaves=8,
)
truths = st.recursive(
    st.one_of(
        st.sampled_from(["lives_in_herent", "tenure = 'owner'", "eligible(vt)"]),
        st.builds(lambda a, op, b: f"{a} {op} {b}", amounts, st.sampled_from(["<", ">="]), amounts),
    ),
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, st.sampled_from(["and", "or"]), inner),
        st.builds(lambda a: f"not ({a})", inner),
        st.builds(lambda a, b, c: f"if({a}, {b}, {c})", inner, inner, inner),
    ),
    max_leaves=8,
)
token_soup = st.lists(
    st.one_of(st.sampled_from(NAMES + FUNCTIONS + OPERATORS + ["(", ")", "[", "]"]), numbers),
    max_size=30,
).map(" ".join)
conditions = st.one_of(truths, expressions, token_soup, st.text(max_size=60))


def _write_catalog(root: Path, rights: str) -> None:
    files = {
        "catalog.toml": 'name = "Fuzz"\nversion = "f1"\n',
        "facts/core.toml": FACTS,
        "parameters/core.toml": PARAMETERS,
        "rights/core.toml": rights,
        "tests/core.toml": CASES,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


HOUSEHOLDS = [
    {"household": {"household_income": 1000, "lives_in_herent": True, "tenure": "owner"}},
    {"members": [{"role": "applicant", "birth_date": "1950-01-01", "leefloon": True}]},
    {},
]


@FUZZ
@given(condition=conditions)
def test_any_condition_loads_or_is_a_catalog_error_and_evaluates(condition: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _write_catalog(root, RIGHTS.replace(LOCAL_WHEN, f"when = {json.dumps(condition)}"))
        try:
            catalog = loader.load(root, today=ON)
        except CatalogError as exc:
            assert "rights/core.toml:" in str(exc)  # the file and line of the condition
            event("refused")
            return
    event("loaded")
    evaluator = Evaluator(catalog)
    for data in HOUSEHOLDS:
        for verdict in evaluator.evaluate(parse(catalog, data), ON):
            assert verdict.verdict  # a verdict for every right, an error at most noted in it


# -- the situation format -----------------------------------------------------------------------

FACT_KEYS = ["household_income", "lives_in_herent", "tenure", "birth_date", "dependant",
             "leefloon", "age", "role", "id", "nosuch", ""]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([5000, -5000, 15, -30]).map(lambda e: 10 ** abs(e) * (1 if e > 0 else -1)),
    st.floats(),
    st.decimals(),
    st.text(max_size=20),
    st.sampled_from(["1950-01-01", "2026-02-30", "owner", "applicant", "21400.50", "nan"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(FACT_KEYS), inner, max_size=3),
    ),
    max_leaves=10,
)
numbers_in_json = st.one_of(
    st.floats(), st.sampled_from([float("nan"), float("inf"), 1e308, -1e308])
)
field_values = st.one_of(numbers_in_json, numbers_in_json, scalars, values)
# Each known fact present half of the time, so that hostile values meet the checks behind it.
facts = st.one_of(
    st.fixed_dictionaries({}, optional={key: field_values for key in FACT_KEYS}),
    st.dictionaries(st.text(max_size=8), field_values, max_size=3),
)
HOUSEHOLD_FACTS = ["household_income", "lives_in_herent", "tenure"]
MEMBER_FACTS = ["role", "birth_date", "dependant", "leefloon"]


def known(keys: list[str]) -> st.SearchStrategy[dict[str, object]]:
    """Facts of one level only, so that no unknown key is refused before the values are read."""
    return st.fixed_dictionaries({}, optional={key: field_values for key in keys})


situations = st.one_of(
    # The right shape with hostile values: what a hand-written file most often gets wrong.
    st.fixed_dictionaries(
        {"household": known(HOUSEHOLD_FACTS)},
        optional={"members": st.lists(known(MEMBER_FACTS), max_size=3)},
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "household": st.one_of(facts, values),
            "members": st.one_of(st.lists(st.one_of(facts, values), max_size=4), values),
            "extra": values,
        },
    ),
    values,
)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("catalog")
    _write_catalog(root, RIGHTS)
    return loader.load(root, today=ON)


@FUZZ
@given(data=situations)
def test_any_situation_is_accepted_or_refused_with_a_validation_error(catalog, data):
    try:
        situation = parse(catalog, data)
    except ValidationError as exc:
        assert exc.field and exc.reason
        event("refused")
        return
    event("accepted")
    verdicts = Evaluator(catalog).evaluate(situation, ON)
    assert {verdict.right.id for verdict in verdicts} == {"vt", "local", "senior"}


@FUZZ
@given(data=situations)
def test_any_situation_file_is_read_or_refused_naming_the_file(catalog, data):
    try:
        text = json.dumps(data, default=str)
    except ValueError:  # an integer too long for Python to write out
        text = "[" + "9" * 5000 + "]"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "situatie.json"
        path.write_text(text, encoding="utf-8")
        try:
            from_json_file(catalog, path)
        except ValidationError as exc:
            assert exc.field.startswith(str(path))


# -- national register numbers ------------------------------------------------------------------

register_numbers = st.one_of(
    st.text(alphabet="0123456789", min_size=9, max_size=13),
    st.text(alphabet="0123456789.- ²٣０x", max_size=16),
    st.text(max_size=16),
)


@FUZZ
@given(raw=register_numbers)
def test_any_register_number_is_accepted_or_refused_with_a_validation_error(raw: str) -> None:
    try:
        number, _born = normalise("members[0].national_number", raw)
    except ValidationError as exc:
        assert exc.field == "members[0].national_number"
        return
    assert len(number) == 11 and number.isascii() and number.isdigit()


# -- HSDS packages ------------------------------------------------------------------------------

IMPORTED = ["organizations.csv", "services.csv", "locations.csv", "addresses.csv", "phones.csv",
            "service_at_location.csv"]  # fmt: skip
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "=1+1", "'+32", "\x00", '"', "\r\n", "-1", "1e999", "nan",
                     "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "not-a-uuid", "9" * 400]),
)  # fmt: skip
edits = st.lists(
    st.tuples(st.sampled_from(IMPORTED), st.integers(0, 20), st.integers(0, 3), cells),
    min_size=1,
    max_size=6,
)


def _damage(folder: Path, file: str, column: int, row: int, cell: str) -> None:
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    record = records[min(row, len(records) - 1)]
    record[column % len(record)] = cell
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Actor]]:
    """One database for every example: a migration per example took 80 s."""
    path = tmp_path_factory.mktemp("hsds") / "fuzz.db"
    db = Database.open(f"sqlite:///{path.as_posix()}", create=True)
    with db.write() as session:
        admin = ensure_user(session, "beheer", "An Beheerder", "admin")
    yield db, admin
    db.close()


@settings(FUZZ, max_examples=100)
@given(changes=edits)
def test_any_hsds_package_imports_or_is_refused_whole(directory, changes) -> None:
    db, admin = directory
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / "package"
        shutil.copytree(EXAMPLE, package)
        for file, column, row, cell in changes:
            _damage(package, file, column, row, cell)
        try:
            hsds.import_package(db, admin, package)
            event("imported")
        except HsdsError as exc:
            event("refused")
            assert exc.problems and hsds.check_package(package)
        except SociaalHuisError as exc:
            assert exc.message
