"""Read a catalog folder, validate every entry strictly, and compile every condition once.

`load` collects all problems before it gives up, so a maintainer sees the whole list in one
run; it raises `CatalogError` when any of them is an error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sociaalhuis.catalog import lookalikes
from sociaalhuis.catalog import parameters as parameter_values
from sociaalhuis.catalog.compiler import CompileError, Scope, compile_condition
from sociaalhuis.catalog.definitions import Definitions
from sociaalhuis.catalog.functions import FUNCTIONS
from sociaalhuis.catalog.language import KEYWORDS, ConditionSyntaxError, Node, names_in, parse
from sociaalhuis.catalog.model import (
    BUILT_IN_GROUP,
    EVALUATION_DATE,
    Catalog,
    Place,
    Problem,
    RightDef,
    TestCase,
)
from sociaalhuis.catalog.reading import Field, Reader, to_date, to_decimal
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.resources import resource_path

__all__ = ["DEFAULT_FOLDER", "CatalogError", "check", "choices_of", "load", "to_date", "to_decimal"]

DEFAULT_FOLDER = resource_path("catalog")


class CatalogError(SociaalHuisError):
    """The catalog has errors; `problems` lists them all (warnings included)."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"the catalog has {len(errors)} error(s); first: {errors[0]}")
        self.problems = problems


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
    reader = Reader(root)
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
                {"name": Field("text", True), "version": Field("text", True)},
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


class _Builder(Definitions):
    """The definitions of every file, compiled against each other."""

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
            self.check_partner_needs(right)

    def check_partner_needs(self, right: RightDef) -> None:
        """Each fact a partner needs must be one the worker records (not derived)."""
        for key in right.partner_needs:
            fact = self.facts.get(key)
            if fact is None:
                self.reader.error(right.place, f"partner_needs: {key!r} is not a known fact")
            elif fact.derived:
                self.reader.error(
                    right.place,
                    f"partner_needs: {key!r} is derived; name the recorded facts it is made of",
                )

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
        foreign = lookalikes.first_foreign(text)
        if foreign is not None:
            # Conditions are ASCII; name the character rather than "unknown name 'hоusehold…'".
            found = lookalikes.note(text, foreign, self.known_names())
            self.reader.error(source.place(path, key, foreign), f"unexpected character {found}")
            return None
        try:
            node = parse(text)
            compile_condition(node, scope, person, expect)
        except (ConditionSyntaxError, CompileError) as exc:
            self.reader.error(source.place(path, key, exc.offset), exc.message)
            return None
        return node

    def known_names(self) -> set[str]:
        """Every name a condition may hold, to tell which one a look-alike resembles."""
        names = {*self.facts, *self.parameters, *self.groups, *self.rights, *KEYWORDS}
        names |= {BUILT_IN_GROUP, EVALUATION_DATE, *FUNCTIONS}
        for fact in self.facts.values():
            names |= set(fact.choices)
        return names

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
                    strange = lookalikes.id_problem(right_id, self.rights)
                    self.reader.error(
                        case.place,
                        f"case '{case.name}': unknown right '{right_id}'"
                        + (f": it holds {strange}" if strange else ""),
                    )
            members = case.situation.get("members", [])
            keys = [*case.situation.get("household", {})]
            keys += [key for member in members if isinstance(member, dict) for key in member]
            for key in keys:
                strange = lookalikes.id_problem(key, self.facts)
                if strange:
                    self.reader.error(
                        case.place, f"case '{case.name}': fact '{key}' holds {strange}"
                    )

    def check_parameters(self, catalog: Catalog, today: date) -> None:
        values = parameter_values.values_on(catalog, today)
        for key, value in values.items():
            parameter = self.parameters[key]
            if value.value is None:
                continue
            if value.outdated and not parameter.formula:
                why = f": {value.reason}" if value.reason else ""
                self.reader.warn(
                    parameter.place,
                    f"parameter {key}: the last known figure ({value.value}, since "
                    f"{value.since}) has lapsed; verdicts using it say 'verouderd cijfer'{why}",
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
