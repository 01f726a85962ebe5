"""What a loaded catalog holds: facts, derived facts, groups, parameters, rights, test cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog.language import Node

FACT_TYPES = ("bool", "number", "money", "date", "choice")
ABOUT = ("person", "household")
THEMES = (
    "identity",
    "household",
    "income",
    "statuses",
    "handicap_care",
    "housing",
    "energy",
    "children",
    "mobility",
    "debts",
)
LEVELS = ("federaal", "Vlaams", "provinciaal", "lokaal")
OBTAINED = ("grant", "automatic", "apply", "refer")
VERDICTS = ("eligible", "possibly_eligible", "not_eligible")
ROLES = ("applicant", "partner", "child", "other")
BUILT_IN_GROUP = "members"
EVALUATION_DATE = "evaluation_date"


@dataclass(frozen=True)
class Place:
    """Where something is written: file (relative to the catalog), line, and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")


@dataclass
class Problem:
    """One finding of the catalog check."""

    place: Place
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.place}: {self.severity}: {self.message}"


@dataclass
class FactDef:
    key: str
    about: str
    type: str
    label: str
    place: Place
    questions: dict[str, str] = field(default_factory=dict)  # language → question
    theme: str = ""
    choices: dict[str, str] = field(default_factory=dict)
    min: Decimal | None = None
    max: Decimal | None = None
    unit: str = ""
    note: str = ""
    formula: str = ""  # derived facts only
    node: Node | None = None  # derived facts only, once compiled
    # Ask only when this holds for the member (or household); when it is false the fact is
    # not asked and, where `otherwise` is given, taken to be that value (a child gets no IGO).
    asked_when: str = ""
    asked_when_node: Node | None = None
    otherwise: Any = None

    @property
    def derived(self) -> bool:
        return bool(self.formula)


@dataclass
class GroupDef:
    key: str
    label: str
    where: str
    place: Place
    node: Node | None = None


@dataclass
class Period:
    start: date  # `valid_from`: the first day the figure applies
    end: date | None  # `until`
    value: Decimal
    source: str
    place: Place
    verified_on: date | None = None  # the day someone read the source


@dataclass
class ParameterDef:
    key: str
    type: str
    label: str
    place: Place
    unit: str = ""
    current_for_months: int = 12
    periods: list[Period] = field(default_factory=list)
    formula: str = ""
    source: str = ""
    node: Node | None = None
    inputs: set[str] = field(default_factory=set)  # parameters a formula uses
    lapsed: str = ""  # why the last figure is kept: no newer one was found (Dutch)


@dataclass
class Route:
    label: str
    when: str
    place: Place
    receives: bool = False  # holds when the client already receives the right
    node: Node | None = None
    parameters: set[str] = field(default_factory=set)


@dataclass
class RightDef:
    id: str
    name: str
    level: str
    provider: str
    obtained: str
    place: Place
    theme: str = ""
    summary: str = ""
    yearly_value: Decimal | None = None
    value_note: str = ""
    # What the client still does once the Sociaal Huis grants it (the award letter says it).
    after_grant: str = ""
    documents: list[str] = field(default_factory=list)
    # The recorded facts a partner needs to handle this right: what a referral shares by default.
    partner_needs: list[str] = field(default_factory=list)
    validity: str = ""
    sources: list[str] = field(default_factory=list)
    verified_on: date | None = None  # when the sources were read
    ipdc: str = ""
    uncertain: str = ""
    household: str = ""
    when: str = ""
    when_place: Place | None = None
    when_node: Node | None = None
    when_parameters: set[str] = field(default_factory=set)
    routes: list[Route] = field(default_factory=list)
    depends_on: set[str] = field(default_factory=set)  # rights named in eligible()
    parameters: set[str] = field(default_factory=set)  # parameters used, directly or not


@dataclass
class TestCase:
    name: str
    on: date
    expect: dict[str, str]
    situation: dict[str, Any]
    place: Place
    missing: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Catalog:
    """A loaded, validated and compiled catalog."""

    name: str
    version: str
    folder: str
    facts: dict[str, FactDef]  # base and derived facts by key
    groups: dict[str, GroupDef]
    parameters: dict[str, ParameterDef]
    rights: list[RightDef]  # in evaluation order: a right after those it depends on
    cases: list[TestCase]
    warnings: list[Problem] = field(default_factory=list)
    parameter_order: list[str] = field(default_factory=list)  # formulas after their inputs
    value_cache: dict[date, Any] = field(default_factory=dict, repr=False)

    def right(self, right_id: str) -> RightDef:
        for right in self.rights:
            if right.id == right_id:
                return right
        raise KeyError(right_id)
