"""The catalog's definitions as read from its files, each entry checked on its own.

How the definitions fit together (conditions naming facts, rights naming rights) is checked
when the loader compiles them.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from sociaalhuis.catalog import lookalikes
from sociaalhuis.catalog.model import (
    BUILT_IN_GROUP,
    EVALUATION_DATE,
    VERDICTS,
    FactDef,
    GroupDef,
    ParameterDef,
    Period,
    Place,
    RightDef,
    Route,
    TestCase,
)
from sociaalhuis.catalog.reading import (
    CASE_FIELDS,
    DERIVED_FIELDS,
    FACT_FIELDS,
    GROUP_FIELDS,
    PARAMETER_FIELDS,
    PERIOD_FIELDS,
    RIGHT_FIELDS,
    ROUTE_FIELDS,
    Reader,
    Source,
    to_decimal,
)

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = {BUILT_IN_GROUP, EVALUATION_DATE, "role", "and", "or", "not", "in", "true", "false"}


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


class Definitions:
    """Collects the definitions of every file: facts, groups, parameters, rights and test
    cases, each checked on its own; names are claimed once across the catalog."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.facts: dict[str, FactDef] = {"role": ROLE}
        self.groups: dict[str, GroupDef] = {}
        self.parameters: dict[str, ParameterDef] = {}
        self.rights: dict[str, RightDef] = {}
        self.places: dict[str, Place] = {}  # first definition of every name
        self.right_places: dict[str, Place] = {}
        self.formula_places: dict[str, tuple[Source, tuple[str | int, ...], str]] = {}

    def claim(self, name: str, place: Place, what: str) -> bool:
        """Reserve an id; rights have their own namespace, all other names share one."""
        if not IDENTIFIER.match(name):
            strange = lookalikes.id_problem(name)
            rule = "ids are lower case letters, digits and underscores, starting with a letter"
            if strange:
                rule = f"an id is plain ASCII, but it holds {strange}"
            self.reader.error(place, f"{what} '{name}': {rule}")
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

    def facts_file(self, source: Source, data: dict[str, Any]) -> None:
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
        self, source: Source, path: tuple[str | int, ...], fact: FactDef, value: Any
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

    def check_fact(self, source: Source, path: tuple[str | int, ...], fact: FactDef) -> None:
        if fact.type == "choice":
            if not fact.choices:
                self.reader.error(
                    source.place(path),
                    f"fact {fact.key}: a choice needs 'choices' (key = \"Dutch label\")",
                )
            for choice in fact.choices:
                if not IDENTIFIER.match(choice):
                    strange = lookalikes.id_problem(choice)
                    self.reader.error(
                        source.place(path, "choices"),
                        f"fact {fact.key}: choice '{choice}' must be lower case "
                        "letters, digits and underscores"
                        + (f"; it holds {strange}" if strange else ""),
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

    def parameters_file(self, source: Source, data: dict[str, Any]) -> None:
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
                lapsed=fields.get("lapsed", ""),
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
                if parameter.lapsed:
                    self.reader.error(
                        source.place(path, "lapsed"),
                        f"{what}: 'lapsed' belongs on the parameters the formula uses; "
                        "a formula is outdated when one of its inputs is",
                    )
            for index, period_entry in enumerate(fields.get("period", [])):
                period_path = (*path, "period", index)
                period_fields = self.reader.fields(
                    source, period_path, period_entry, PERIOD_FIELDS, f"{what}, period {index + 1}"
                )
                if not period_fields or not {"valid_from", "value", "source"} <= set(period_fields):
                    continue
                parameter.periods.append(
                    Period(
                        period_fields["valid_from"],
                        period_fields.get("until"),
                        period_fields["value"],
                        period_fields["source"],
                        source.place(period_path),
                        period_fields.get("verified_on"),
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
                    f"{period.end} comes before 'valid_from' {period.start}",
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

    def rights_file(self, source: Source, data: dict[str, Any]) -> None:
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
                after_grant=fields.get("after_grant", ""),
                documents=fields.get("documents", []),
                partner_needs=fields.get("partner_needs", []),
                validity=fields.get("validity", ""),
                sources=fields.get("sources", []),
                verified_on=fields.get("verified_on"),
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

    def cases_file(self, source: Source, data: dict[str, Any]) -> list[TestCase]:
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
