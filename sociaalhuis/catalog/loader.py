"""Read a catalog folder, validate every entry strictly, and compile every condition once.

`load` collects all problems before it gives up, so a maintainer sees the whole list in one
run; it raises `CatalogError` when any of them is an error.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sociaalhuis.catalog import parameters as parameter_values
from sociaalhuis.catalog.compiler import CompileError, Scope, compile_condition
from sociaalhuis.catalog.language import ConditionSyntaxError, Node, names_in, parse
from sociaalhuis.catalog.locate import Locator
from sociaalhuis.catalog.model import (
    ABOUT,
    BUILT_IN_GROUP,
    EVALUATION_DATE,
    FACT_TYPES,
    LEVELS,
    OBTAINED,
    THEMES,
    VERDICTS,
    Catalog,
    FactDef,
    GroupDef,
    ParameterDef,
    Period,
    Place,
    Problem,
    RightDef,
    Route,
    TestCase,
)
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.resources import resource_path

DEFAULT_FOLDER = resource_path("catalog")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = {BUILT_IN_GROUP, EVALUATION_DATE, "role", "and", "or", "not", "in", "true", "false"}


class CatalogError(SociaalHuisError):
    """The catalog has errors; `problems` lists them all (warnings included)."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"the catalog has {len(errors)} error(s); first: {errors[0]}")
        self.problems = problems


@dataclass
class _Source:
    """One TOML file being read: its name for messages and where its keys are."""

    name: str
    locator: Locator

    def place(
        self, path: tuple[str | int, ...], key: str | None = None, offset: int | None = None
    ) -> Place:
        line, column = self.locator.find(path, key)
        if key is not None and offset is not None and column:
            return Place(self.name, line, column + 1 + offset)  # +1 for the opening quote
        return Place(self.name, line, column if key is not None and column > 1 else 0)


@dataclass(frozen=True)
class _Field:
    kind: str  # text, str, date, decimal, int, strings, mapping, table, tables
    required: bool = False
    choices: tuple[str, ...] = ()


class _Reader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.unreadable = False  # some file could not be read: its names would seem missing

    def error(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message))

    def warn(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message, "warning"))

    def files(self, sub: str) -> list[tuple[_Source, dict[str, Any]]]:
        folder = self.folder / sub
        if not folder.is_dir():
            self.error(Place(f"{sub}/"), "folder is missing")
            return []
        return [
            loaded
            for path in sorted(folder.glob("*.toml"))
            if (loaded := self.read(path)) is not None
        ]

    def read(self, path: Path) -> tuple[_Source, dict[str, Any]] | None:
        name = path.relative_to(self.folder).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(Place(name), f"cannot be read: {exc}")
            return None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            place = Place(name, int(match.group(1)), int(match.group(2))) if match else Place(name)
            self.error(place, f"not valid TOML: {message}")
            self.unreadable = True
            return None
        return _Source(name, Locator(text)), data

    def fields(
        self,
        source: _Source,
        path: tuple[str | int, ...],
        entry: Any,
        spec: dict[str, _Field],
        what: str,
    ) -> dict[str, Any] | None:
        """Check an entry against its field spec; returns the converted values."""
        if not isinstance(entry, dict):
            self.error(source.place(path), f"{what} must be a table")
            return None
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if key not in spec:
                allowed = ", ".join(sorted(spec))
                self.error(
                    source.place(path, key), f"{what}: unknown field '{key}' (allowed: {allowed})"
                )
                continue
            converted = self.convert(source, path, key, value, spec[key], what)
            if converted is not None:
                out[key] = converted
        for key, field_spec in spec.items():
            if field_spec.required and key not in entry:
                self.error(source.place(path), f"{what}: '{key}' is required")
        return out

    def convert(
        self,
        source: _Source,
        path: tuple[str | int, ...],
        key: str,
        value: Any,
        spec: _Field,
        what: str,
    ) -> Any:
        place = source.place(path, key)
        kind = spec.kind

        def bad(expected: str) -> None:
            self.error(place, f"{what}: '{key}' must be {expected}, not {value!r}")

        if kind in ("text", "str"):
            if not isinstance(value, str) or (kind == "text" and not value.strip()):
                bad("non-empty text" if kind == "text" else "text")
                return None
            if spec.choices and value not in spec.choices:
                self.error(
                    place,
                    f"{what}: '{key}' must be one of {', '.join(spec.choices)}, not {value!r}",
                )
                return None
            return value
        if kind == "date":
            day = to_date(value)
            if day is None:
                bad("a date (YYYY-MM-DD)")
            return day
        if kind == "decimal":
            number = to_decimal(value)
            if number is None:
                bad('an amount such as "24155.16" (a point before the cents)')
            return number
        if kind == "bool":
            if isinstance(value, bool):
                return value
            bad("true or false")
            return None
        if kind == "value":
            if isinstance(value, bool | int | float | str):
                return value
            bad("a yes/no, a number or a choice")
            return None
        if kind == "int":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
            bad("a whole number above 0")
            return None
        if kind == "strings":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(
                isinstance(item, str) and item.strip() for item in value
            ):
                bad("a list of texts")
                return None
            return value
        if kind == "mapping":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
            ):
                bad('a table of texts such as { owner = "eigenaar" }')
                return None
            return value
        if kind == "table":
            if not isinstance(value, dict):
                bad("a table")
                return None
            return value
        if kind == "tables":
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                bad("a list of tables ([[...]] entries)")
                return None
            return value
        raise AssertionError(kind)  # pragma: no cover


def to_date(value: Any) -> date | None:
    """A date from TOML (a date value) or JSON (`YYYY-MM-DD` text); None otherwise."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def to_decimal(value: Any) -> Decimal | None:
    """An amount from TOML: a string with a decimal point, an integer, or a float."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            return None
    return None


FACT_FIELDS = {
    "about": _Field("text", True, ABOUT),
    "type": _Field("text", True, FACT_TYPES),
    "label": _Field("text", True),
    "question": _Field("text", True),
    "question_fr": _Field("text"),
    "question_en": _Field("text"),
    "theme": _Field("text", True, THEMES),
    "choices": _Field("mapping"),
    "min": _Field("decimal"),
    "max": _Field("decimal"),
    "unit": _Field("text"),
    "note": _Field("text"),
    "source": _Field("text"),
    "asked_when": _Field("text"),
    "otherwise": _Field("value"),
}
DERIVED_FIELDS = {
    "about": _Field("text", True, ABOUT),
    "type": _Field("text", True, FACT_TYPES),
    "label": _Field("text", True),
    "formula": _Field("text", True),
    "choices": _Field("mapping"),
    "min": _Field("decimal"),
    "max": _Field("decimal"),
    "unit": _Field("text"),
    "note": _Field("text"),
}
GROUP_FIELDS = {"label": _Field("text", True), "where": _Field("text", True)}
PARAMETER_FIELDS = {
    "type": _Field("text", True, ("money", "number")),
    "label": _Field("text", True),
    "unit": _Field("text"),
    "current_for_months": _Field("int"),
    "period": _Field("tables"),
    "formula": _Field("text"),
    "source": _Field("text"),
    "note": _Field("text"),
}
PERIOD_FIELDS = {
    "from": _Field("date", True),
    "until": _Field("date"),
    "value": _Field("decimal", True),
    "source": _Field("text", True),
    "note": _Field("text"),
}
RIGHT_FIELDS = {
    "id": _Field("text", True),
    "name": _Field("text", True),
    "level": _Field("text", True, LEVELS),
    "provider": _Field("text", True),
    "obtained": _Field("text", True, OBTAINED),
    "theme": _Field("text"),
    "summary": _Field("text"),
    "yearly_value": _Field("decimal"),
    "value_note": _Field("text"),
    "documents": _Field("strings"),
    "validity": _Field("text"),
    "sources": _Field("strings", True),
    "last_verified": _Field("date", True),
    "ipdc": _Field("text"),
    "uncertain": _Field("text"),
    "household": _Field("text"),
    "when": _Field("text"),
    "route": _Field("tables"),
    "note": _Field("text"),
}
ROUTE_FIELDS = {
    "label": _Field("text", True),
    "when": _Field("text", True),
    "receives": _Field("bool"),
}
CASE_FIELDS = {
    "name": _Field("text", True),
    "date": _Field("date", True),
    "expect": _Field("table", True),
    "missing": _Field("table"),
    "household": _Field("table"),
    "member": _Field("tables"),
    "note": _Field("text"),
}


def load(folder: Path | str | None = None, *, today: date | None = None) -> Catalog:
    """Load and compile the catalog in `folder` (default: resources/catalog).

    Raises CatalogError listing every problem when there is any error; warnings (outdated
    figures as of `today`) are kept in `Catalog.warnings`.
    """
    catalog, problems = check(folder, today=today)
    if catalog is None or any(p.severity == "error" for p in problems):
        raise CatalogError(problems)
    return catalog


def check(
    folder: Path | str | None = None, *, today: date | None = None
) -> tuple[Catalog | None, list[Problem]]:
    """Every problem in the catalog, and the catalog itself when it has no errors."""
    root = Path(folder) if folder is not None else DEFAULT_FOLDER
    reader = _Reader(root)
    if not root.is_dir():
        reader.error(Place(str(root)), "catalog folder not found")
        return None, reader.problems
    header = reader.read(root / "catalog.toml") if (root / "catalog.toml").is_file() else None
    name = version = ""
    if header is None:
        reader.error(Place("catalog.toml"), "missing: it names the catalog and its version")
    else:
        source, data = header
        fields = (
            reader.fields(
                source,
                (),
                data,
                {"name": _Field("text", True), "version": _Field("text", True)},
                "catalog.toml",
            )
            or {}
        )
        name, version = fields.get("name", ""), fields.get("version", "")
    builder = _Builder(reader)
    for source, data in reader.files("facts"):
        builder.facts_file(source, data)
    for source, data in reader.files("parameters"):
        builder.parameters_file(source, data)
    for source, data in reader.files("rights"):
        builder.rights_file(source, data)
    cases: list[TestCase] = []
    for source, data in reader.files("tests"):
        cases.extend(builder.cases_file(source, data))
    if reader.unreadable:
        # Everything defined in the unreadable file would be reported as unknown: noise.
        return None, reader.problems
    builder.compile_all()
    rights = builder.ordered_rights()
    catalog = Catalog(
        name=name,
        version=version,
        folder=str(root),
        facts=builder.facts,
        groups=builder.groups,
        parameters=builder.parameters,
        rights=rights,
        cases=cases,
        parameter_order=builder.parameter_order(),
    )
    builder.check_cases(cases)
    if not any(p.severity == "error" for p in reader.problems):
        builder.check_parameters(catalog, today or date.today())
    catalog.warnings = [p for p in reader.problems if p.severity == "warning"]
    if any(p.severity == "error" for p in reader.problems):
        return None, reader.problems
    return catalog, reader.problems


ROLE = FactDef(
    key="role",
    about="person",
    type="choice",
    label="rol in het gezin",
    place=Place("built-in"),
    questions={"nl": "Welke rol heeft deze persoon in het gezin?"},
    theme="household",
    choices={
        "applicant": "aanvrager",
        "partner": "partner",
        "child": "kind",
        "other": "andere huisgenoot",
    },
)


class _Builder:
    """Collects definitions across files, then compiles them against each other."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.facts: dict[str, FactDef] = {"role": ROLE}
        self.groups: dict[str, GroupDef] = {}
        self.parameters: dict[str, ParameterDef] = {}
        self.rights: dict[str, RightDef] = {}
        self.places: dict[str, Place] = {}  # first definition of every name
        self.right_places: dict[str, Place] = {}
        self.formula_places: dict[str, tuple[_Source, tuple[str | int, ...], str]] = {}

    # --- reading -------------------------------------------------------------------------

    def claim(self, name: str, place: Place, what: str) -> bool:
        """Reserve an id; rights have their own namespace, all other names share one."""
        if not IDENTIFIER.match(name):
            self.reader.error(
                place,
                f"{what} '{name}': ids are lower case letters, digits "
                "and underscores, starting with a letter",
            )
            return False
        if name in RESERVED:
            self.reader.error(place, f"{what} '{name}': this name is reserved")
            return False
        places = self.right_places if what == "right" else self.places
        if name in places:
            self.reader.error(place, f"{what} '{name}' is already defined at {places[name]}")
            return False
        places[name] = place
        return True

    def facts_file(self, source: _Source, data: dict[str, Any]) -> None:
        for key in data:
            if key not in ("fact", "derived", "group"):
                self.reader.error(
                    source.place((key,)),
                    f"unknown section '{key}' (expected fact, derived or group)",
                )
        for kind, spec in (("fact", FACT_FIELDS), ("derived", DERIVED_FIELDS)):
            table = data.get(kind, {})
            if not isinstance(table, dict):
                self.reader.error(source.place((kind,)), f"'{kind}' must hold tables")
                continue
            for key, entry in table.items():
                path = (kind, key)
                place = source.place(path)
                what = f"{kind} {key}"
                fields = self.reader.fields(source, path, entry, spec, what)
                if fields is None or not self.claim(key, place, kind):
                    continue
                fact = FactDef(
                    key=key,
                    about=fields.get("about", "household"),
                    type=fields.get("type", "bool"),
                    label=fields.get("label", key),
                    place=place,
                    questions={
                        lang: fields[f]
                        for lang, f in (
                            ("nl", "question"),
                            ("fr", "question_fr"),
                            ("en", "question_en"),
                        )
                        if f in fields
                    },
                    theme=fields.get("theme", ""),
                    choices=fields.get("choices", {}),
                    min=fields.get("min"),
                    max=fields.get("max"),
                    unit=fields.get("unit", ""),
                    note=fields.get("note", ""),
                    formula=fields.get("formula", ""),
                    asked_when=fields.get("asked_when", ""),
                )
                self.check_fact(source, path, fact)
                if "otherwise" in fields:
                    fact.otherwise = self.otherwise(source, path, fact, fields["otherwise"])
                self.facts[key] = fact
                if fact.formula:
                    self.formula_places[key] = (source, path, "formula")
                if fact.asked_when:
                    self.formula_places[f"asked {key}"] = (source, path, "asked_when")
        groups = data.get("group", {})
        for key, entry in groups.items() if isinstance(groups, dict) else ():
            path = ("group", key)
            fields = self.reader.fields(source, path, entry, GROUP_FIELDS, f"group {key}")
            place = source.place(path)
            if fields is None or not self.claim(key, place, "group"):
                continue
            self.groups[key] = GroupDef(
                key, fields.get("label", key), fields.get("where", ""), place
            )
            self.formula_places[f"group {key}"] = (source, path, "where")

    def otherwise(
        self, source: _Source, path: tuple[str | int, ...], fact: FactDef, value: Any
    ) -> Any:
        """The value a fact takes when `asked_when` is false, in the engine's form."""
        place = source.place(path, "otherwise")
        if not fact.asked_when:
            self.reader.error(place, f"fact {fact.key}: 'otherwise' needs 'asked_when'")
            return None
        if fact.type == "bool" and isinstance(value, bool):
            return value
        if fact.type in ("number", "money") and not isinstance(value, bool):
            number = to_decimal(value)
            if number is not None:
                return number
        if fact.type == "choice" and value in fact.choices:
            return value
        self.reader.error(
            place,
            f"fact {fact.key}: 'otherwise' must be a value of type {fact.type}, not {value!r}",
        )
        return None

    def check_fact(self, source: _Source, path: tuple[str | int, ...], fact: FactDef) -> None:
        if fact.type == "choice":
            if not fact.choices:
                self.reader.error(
                    source.place(path),
                    f"fact {fact.key}: a choice needs 'choices' (key = \"Dutch label\")",
                )
            for choice in fact.choices:
                if not IDENTIFIER.match(choice):
                    self.reader.error(
                        source.place(path, "choices"),
                        f"fact {fact.key}: choice '{choice}' must be lower case "
                        "letters, digits and underscores",
                    )
        elif fact.choices:
            self.reader.error(
                source.place(path, "choices"), f"fact {fact.key}: only a choice has choices"
            )
        if (fact.min is not None or fact.max is not None) and fact.type not in ("number", "money"):
            self.reader.error(
                source.place(path), f"fact {fact.key}: min and max are for numbers and amounts"
            )
        if fact.min is not None and fact.max is not None and fact.min > fact.max:
            self.reader.error(source.place(path, "min"), f"fact {fact.key}: min is above max")

    def parameters_file(self, source: _Source, data: dict[str, Any]) -> None:
        for key in data:
            if key != "parameter":
                self.reader.error(
                    source.place((key,)), f"unknown section '{key}' (expected parameter)"
                )
        table = data.get("parameter", {})
        for key, entry in table.items() if isinstance(table, dict) else ():
            path = ("parameter", key)
            what = f"parameter {key}"
            fields = self.reader.fields(source, path, entry, PARAMETER_FIELDS, what)
            place = source.place(path)
            if fields is None or not self.claim(key, place, "parameter"):
                continue
            parameter = ParameterDef(
                key=key,
                type=fields.get("type", "money"),
                label=fields.get("label", key),
                place=place,
                unit=fields.get("unit", ""),
                current_for_months=fields.get("current_for_months", 12),
                formula=fields.get("formula", ""),
                source=fields.get("source", ""),
            )
            has_periods = "period" in entry
            if parameter.formula and has_periods:
                self.reader.error(place, f"{what}: give either periods or a formula, not both")
            elif not parameter.formula and not has_periods:
                self.reader.error(
                    place, f"{what}: needs at least one [[parameter.{key}.period]] or a formula"
                )
            if parameter.formula:
                if not parameter.source:
                    self.reader.error(
                        place, f"{what}: a formula needs a 'source' saying where it comes from"
                    )
                self.formula_places[key] = (source, path, "formula")
            for index, period_entry in enumerate(fields.get("period", [])):
                period_path = (*path, "period", index)
                period_fields = self.reader.fields(
                    source, period_path, period_entry, PERIOD_FIELDS, f"{what}, period {index + 1}"
                )
                if not period_fields or not {"from", "value", "source"} <= set(period_fields):
                    continue
                parameter.periods.append(
                    Period(
                        period_fields["from"],
                        period_fields.get("until"),
                        period_fields["value"],
                        period_fields["source"],
                        source.place(period_path),
                    )
                )
            self.check_periods(parameter)
            self.parameters[key] = parameter

    def check_periods(self, parameter: ParameterDef) -> None:
        periods = parameter.periods
        for period in periods:
            if period.end is not None and period.end < period.start:
                self.reader.error(
                    period.place,
                    f"parameter {parameter.key}: 'until' "
                    f"{period.end} comes before 'from' {period.start}",
                )
        ordered = sorted(periods, key=lambda p: p.start)
        for earlier, later in itertools.pairwise(ordered):
            if later.start == earlier.start or (
                earlier.end is not None and later.start <= earlier.end
            ):
                self.reader.error(
                    later.place,
                    f"parameter {parameter.key}: period from {later.start} overlaps the period "
                    f"from {earlier.start} ({earlier.place})",
                )
        parameter.periods = ordered

    def rights_file(self, source: _Source, data: dict[str, Any]) -> None:
        for key in data:
            if key != "right":
                self.reader.error(
                    source.place((key,)), f"unknown section '{key}' (expected [[right]] entries)"
                )
        entries = data.get("right", [])
        if not isinstance(entries, list):
            self.reader.error(source.place(("right",)), "rights are written as [[right]]")
            return
        for index, entry in enumerate(entries):
            path: tuple[str | int, ...] = ("right", index)
            label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else index
            what = f"right {label}"
            fields = self.reader.fields(source, path, entry, RIGHT_FIELDS, what)
            place = source.place(path)
            if fields is None or "id" not in fields or not self.claim(fields["id"], place, "right"):
                continue
            right = RightDef(
                id=fields["id"],
                name=fields.get("name", fields["id"]),
                level=fields.get("level", ""),
                provider=fields.get("provider", ""),
                obtained=fields.get("obtained", ""),
                place=place,
                theme=fields.get("theme", ""),
                summary=fields.get("summary", ""),
                yearly_value=fields.get("yearly_value"),
                value_note=fields.get("value_note", ""),
                documents=fields.get("documents", []),
                validity=fields.get("validity", ""),
                sources=fields.get("sources", []),
                last_verified=fields.get("last_verified"),
                ipdc=fields.get("ipdc", ""),
                uncertain=fields.get("uncertain", ""),
                household=fields.get("household", ""),
                when=fields.get("when", ""),
                when_place=source.place(path, "when"),
            )
            if right.when:
                self.formula_places[f"right {right.id}"] = (source, path, "when")
            for route_index, route_entry in enumerate(fields.get("route", [])):
                route_path = (*path, "route", route_index)
                route_fields = self.reader.fields(
                    source,
                    route_path,
                    route_entry,
                    ROUTE_FIELDS,
                    f"{what}, route {route_index + 1}",
                )
                if not route_fields or "when" not in route_fields:
                    continue
                right.routes.append(
                    Route(
                        route_fields.get("label", ""),
                        route_fields["when"],
                        source.place(route_path, "when"),
                        route_fields.get("receives", False),
                    )
                )
                self.formula_places[f"route {right.id} {route_index}"] = (
                    source,
                    route_path,
                    "when",
                )
            if not right.when and not right.routes:
                self.reader.error(
                    place, f"{what}: needs a 'when' condition or at least one [[right.route]]"
                )
            if not right.sources:
                self.reader.error(place, f"{what}: 'sources' may not be empty")
            self.rights[right.id] = right

    def cases_file(self, source: _Source, data: dict[str, Any]) -> list[TestCase]:
        for key in data:
            if key != "case":
                self.reader.error(
                    source.place((key,)), f"unknown section '{key}' (expected [[case]] entries)"
                )
        cases: list[TestCase] = []
        entries = data.get("case", [])
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            path = ("case", index)
            fields = self.reader.fields(source, path, entry, CASE_FIELDS, f"case {index + 1}")
            if not fields or not {"name", "date", "expect"} <= set(fields):
                continue
            place = source.place(path)
            expect: dict[str, str] = {}
            for right_id, verdict in fields["expect"].items():
                if verdict not in VERDICTS:
                    self.reader.error(
                        source.place(path, "expect"),
                        f"case '{fields['name']}': {right_id} = {verdict!r} is not "
                        f"a verdict ({', '.join(VERDICTS)})",
                    )
                else:
                    expect[right_id] = verdict
            missing: dict[str, list[str]] = {}
            for right_id, facts in fields.get("missing", {}).items():
                if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
                    self.reader.error(
                        source.place(path, "missing"),
                        f"case '{fields['name']}': missing.{right_id} must be a list of fact names",
                    )
                else:
                    missing[right_id] = sorted(facts)
            situation = {
                "household": fields.get("household", {}),
                "members": fields.get("member", []),
            }
            cases.append(
                TestCase(fields["name"], fields["date"], expect, situation, place, missing)
            )
        return cases

    # --- compiling -------------------------------------------------------------------------

    def compile_all(self) -> None:
        parameter_types = {key: p.type for key, p in self.parameters.items()}
        self.scope = Scope(self.facts, self.groups, parameter_types, set(self.rights))
        self.scope.define = self.define
        self.failed: set[str] = set()
        markers = [key for key, fact in self.facts.items() if fact.derived]
        markers += [f"group {key}" for key in self.groups]
        for marker in markers:
            done = self.scope.group_fns if marker.startswith("group ") else self.scope.derived_fns
            if marker.removeprefix("group ") in done or marker in self.failed:
                continue
            try:
                self.define(marker)
            except CompileError:
                continue  # already reported where it went wrong
        formula_scope = Scope({}, {}, parameter_types, set())
        for key, parameter in self.parameters.items():
            if parameter.formula:
                node = self.compile_text(key, formula_scope, person=False, expect="numeric")
                if node is not None:
                    parameter.node = node
                    parameter.inputs = {n.name for n in names_in(node)}
                    if parameter.type == "money" and node.type != "money":
                        node.type = "money"
        for key, fact in self.facts.items():
            if fact.asked_when:
                fact.asked_when_node = self.compile_text(
                    f"asked {key}", self.scope, person=fact.about == "person"
                )
        for right in self.rights.values():
            self.scope.used_parameters = set()
            self.scope.used_rights = set()
            if right.when:
                right.when_node = self.compile_text(f"right {right.id}", self.scope, False)
                right.when_parameters = set(self.scope.used_parameters)
            for index, route in enumerate(right.routes):
                before = set(self.scope.used_parameters)
                self.scope.used_parameters = set()
                route.node = self.compile_text(f"route {right.id} {index}", self.scope, False)
                route.parameters = set(self.scope.used_parameters)
                self.scope.used_parameters |= before
            right.depends_on = set(self.scope.used_rights)
            right.parameters = set(self.scope.used_parameters)

    def define(self, marker: str) -> None:
        """Compile a derived fact or group the first time something uses it."""
        scope = self.scope
        if marker in self.failed:
            raise CompileError(f"'{marker.removeprefix('group ')}' has an error of its own", 0)
        scope.compiling.append(marker)
        try:
            if marker.startswith("group "):
                key = marker.removeprefix("group ")
                node = self.compile_text(marker, scope, person=True)
                if node is None:
                    self.failed.add(marker)
                    raise CompileError(f"group '{key}' has an error of its own", 0)
                scope.group_fns[key] = node.fn
                self.groups[key].node = node
                return
            fact = self.facts[marker]
            expect = "numeric" if fact.type in ("number", "money") else fact.type
            node = self.compile_text(marker, scope, person=fact.about == "person", expect="any")
            if node is None:
                self.failed.add(marker)
                raise CompileError(f"derived fact '{marker}' has an error of its own", 0)
            if not _type_fits(node.type, expect):
                self.error_at(
                    marker,
                    node.offset,
                    f"the formula gives {node.type}, but {marker} is declared {fact.type}",
                )
            fact.node = node
            scope.derived_fns[marker] = node.fn
        finally:
            scope.compiling.remove(marker)

    def compile_text(
        self, marker: str, scope: Scope, person: bool, expect: str = "bool"
    ) -> Node | None:
        source, path, key = self.formula_places[marker]
        text = _text_at(self, marker)
        try:
            node = parse(text)
            compile_condition(node, scope, person, expect)
        except (ConditionSyntaxError, CompileError) as exc:
            self.reader.error(source.place(path, key, exc.offset), exc.message)
            return None
        return node

    def error_at(self, marker: str, offset: int, message: str) -> None:
        source, path, key = self.formula_places[marker]
        self.reader.error(source.place(path, key, offset), message)

    def ordered_rights(self) -> list[RightDef]:
        """Rights sorted so every right comes after those its conditions name; cycles are errors."""
        order: list[RightDef] = []
        state: dict[str, str] = {}

        def visit(right: RightDef, trail: list[str]) -> None:
            if state.get(right.id) == "done":
                return
            if state.get(right.id) == "busy":
                cycle = " → ".join([*trail[trail.index(right.id) :], right.id])
                self.reader.error(right.place, f"rights depend on each other in a circle: {cycle}")
                return
            state[right.id] = "busy"
            for other in sorted(right.depends_on):
                if other in self.rights:
                    visit(self.rights[other], [*trail, right.id])
            state[right.id] = "done"
            order.append(right)

        for right in self.rights.values():
            visit(right, [])
        return order

    def parameter_order(self) -> list[str]:
        order: list[str] = []
        state: dict[str, str] = {}

        def visit(key: str) -> None:
            if state.get(key) == "done":
                return
            if state.get(key) == "busy":
                self.reader.error(
                    self.parameters[key].place, f"parameter {key} is computed from itself"
                )
                return
            state[key] = "busy"
            for other in sorted(self.parameters[key].inputs):
                if other in self.parameters:
                    visit(other)
            state[key] = "done"
            order.append(key)

        for key in self.parameters:
            visit(key)
        return order

    # --- checks needing everything -----------------------------------------------------------

    def check_cases(self, cases: list[TestCase]) -> None:
        for case in cases:
            for right_id in [*case.expect, *case.missing]:
                if right_id not in self.rights:
                    self.reader.error(case.place, f"case '{case.name}': unknown right '{right_id}'")

    def check_parameters(self, catalog: Catalog, today: date) -> None:
        values = parameter_values.values_on(catalog, today)
        for key, value in values.items():
            parameter = self.parameters[key]
            if value.value is None:
                continue
            if value.outdated and not parameter.formula:
                self.reader.warn(
                    parameter.place,
                    f"parameter {key}: the last known figure ({value.value}, since "
                    f"{value.since}) has lapsed; verdicts using it are marked outdated",
                )


def _type_fits(actual: str, expected: str) -> bool:
    if expected == "numeric":
        return actual in ("number", "money")
    if expected == "choice":
        return actual in ("choice", "text")
    return actual == expected


def _text_at(builder: _Builder, marker: str) -> str:
    if marker.startswith("group "):
        return builder.groups[marker.removeprefix("group ")].where
    if marker.startswith("right "):
        return builder.rights[marker.removeprefix("right ")].when
    if marker.startswith("route "):
        _, right_id, index = marker.split(" ")
        return builder.rights[right_id].routes[int(index)].when
    if marker.startswith("asked "):
        return builder.facts[marker.removeprefix("asked ")].asked_when
    if marker in builder.parameters:
        return builder.parameters[marker].formula
    return builder.facts[marker].formula


def choices_of(catalog: Catalog, key: str) -> dict[str, str]:
    """The Dutch labels of a choice fact (empty for other facts)."""
    fact = catalog.facts.get(key)
    return fact.choices if fact else {}
