"""What compiled conditions run against, and what compiling them shares.

`EvaluationContext` and `Member` are what a compiled condition reads while it evaluates;
`Scope`, `CompileError` and the helpers below are shared by the compiler and the functions a
condition may call (`functions`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sociaalhuis.catalog.language import Node
from sociaalhuis.catalog.logic import Unknown
from sociaalhuis.catalog.model import FactDef, GroupDef

Fn = Callable[["EvaluationContext"], Any]
NUMERIC = ("number", "money")


class CompileError(ValueError):
    """A condition that parses but does not make sense, with the offset of the problem."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class ParameterMissing(LookupError):
    """A parameter has no value on the evaluation date (before its first period)."""

    def __init__(self, key: str, on: date) -> None:
        super().__init__(f"parameter {key} has no value on {on.isoformat()}")
        self.key = key
        self.on = on


class Member:
    """One household member during an evaluation: facts, and caches for derived values."""

    __slots__ = ("cache", "facts", "id", "unknowns")

    def __init__(self, member_id: str, facts: dict[str, Any]) -> None:
        self.id = member_id
        self.facts = facts
        self.cache: dict[str, Any] = {}
        self.unknowns: dict[str, Unknown] = {}


class EvaluationContext:
    """Everything a compiled condition reads while evaluating one household on one date."""

    __slots__ = ("cache", "household", "member", "members", "on", "params", "rights")

    def __init__(
        self,
        on: date,
        household: dict[str, Any],
        members: list[Member],
        params: dict[str, Any],
    ) -> None:
        self.on = on
        self.household = household
        self.members = members
        self.member: Member | None = None
        self.params = params
        self.rights: dict[str, Any] = {}
        self.cache: dict[str, Any] = {}


class Scope:
    """The names a condition may use, and the compiler's memory of what it compiled."""

    def __init__(
        self,
        facts: dict[str, FactDef],
        groups: dict[str, GroupDef],
        parameters: dict[str, str],  # key → type
        rights: set[str],
    ) -> None:
        self.facts = facts
        self.groups = groups
        self.parameters = parameters
        self.rights = rights
        self.derived_fns: dict[str, Fn] = {}
        self.group_fns: dict[str, Fn] = {}
        self.compiling: list[str] = []
        self.used_parameters: set[str] = set()
        self.used_rights: set[str] = set()
        # Set by the loader: compiles a derived fact or group on first use.
        self.define: Callable[[str], None] | None = None


def kind_name(kind: str) -> str:
    """A type as an error message names it: "a number", "yes/no", …"""
    return {
        "bool": "yes/no",
        "number": "a number",
        "money": "an amount",
        "date": "a date",
        "choice": "a choice",
        "text": "text",
        "list": "a list",
        "group": "a group of members",
    }.get(kind, kind)


def annotate(node: Node, kind: str, fn: Fn, choices: frozenset[str] | None = None) -> Fn:
    """Record on `node` its type, its compiled function and its choices; returns `fn`."""
    node.type = kind
    node.fn = fn
    node.choices = choices  # type: ignore[attr-defined]
    return fn
