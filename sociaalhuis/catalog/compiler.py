"""Type-check a condition's syntax tree and turn it into nested Python functions.

Compiled once per catalog load; evaluating is then a call per node with no parsing and no
name lookups. Each function takes an `EvaluationContext` and returns a three-valued value
(see `logic`). The functions a condition may call are in `functions`.
"""

from __future__ import annotations

import difflib
from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog import functions, logic
from sociaalhuis.catalog.evaluation import (
    NUMERIC,
    CompileError,
    EvaluationContext,
    Fn,
    Member,
    ParameterMissing,
    Scope,
    annotate,
    kind_name,
)
from sociaalhuis.catalog.language import Binary, Call, ListOf, Literal, Name, Node, Unary
from sociaalhuis.catalog.logic import Unknown, and3, not3, or3
from sociaalhuis.catalog.model import BUILT_IN_GROUP, EVALUATION_DATE, FactDef

__all__ = [
    "CompileError",
    "EvaluationContext",
    "Fn",
    "Member",
    "ParameterMissing",
    "Scope",
    "compile_condition",
]


def compile_condition(node: Node, scope: Scope, person: bool, expect: str = "bool") -> Fn:
    """Check and compile a tree; `person` says whether a member's facts are in reach."""
    fn = _compile(node, scope, person)
    if expect == "any":
        return fn
    if expect == "bool" and node.type != "bool":
        raise CompileError(
            f"a condition must be true or false, not {kind_name(node.type)}", node.offset
        )
    if expect == "numeric" and node.type not in NUMERIC:
        raise CompileError(f"a formula must give a number, not {kind_name(node.type)}", node.offset)
    return fn


def _compile(node: Node, scope: Scope, person: bool) -> Fn:
    if isinstance(node, Literal):
        return _literal(node)
    if isinstance(node, Name):
        return _name(node, scope, person)
    if isinstance(node, Unary):
        return _unary(node, scope, person)
    if isinstance(node, Binary):
        return _binary(node, scope, person)
    if isinstance(node, Call):
        return functions.compile_call(node, scope, person, _compile)
    if isinstance(node, ListOf):
        raise CompileError("a list may only follow 'in' or 'not in'", node.offset)
    raise CompileError("not a condition", node.offset)  # pragma: no cover - parser makes none


def _literal(node: Literal) -> Fn:
    value = node.value
    if isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, Decimal):
        kind = "number"
    elif isinstance(value, date):
        kind = "date"
    else:
        kind = "text"
    return annotate(node, kind, lambda ctx: value)


def _unknown_name(node: Name, scope: Scope) -> CompileError:
    known = [*scope.facts, *scope.parameters, *scope.groups, BUILT_IN_GROUP, EVALUATION_DATE]
    close = difflib.get_close_matches(node.name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return CompileError(
        f"unknown name '{node.name}': not a fact, derived fact or parameter{hint}", node.offset
    )


def _name(node: Name, scope: Scope, person: bool) -> Fn:
    key = node.name
    if key == EVALUATION_DATE:
        return annotate(node, "date", lambda ctx: ctx.on)
    if key in scope.parameters:
        scope.used_parameters.add(key)

        def parameter(ctx: EvaluationContext) -> Any:
            value = ctx.params[key]
            if value is None:
                raise ParameterMissing(key, ctx.on)
            return value

        return annotate(node, scope.parameters[key], parameter)
    if key == BUILT_IN_GROUP or key in scope.groups:
        raise CompileError(
            f"'{key}' is a group of members; use it in any(), all(), count() or sum()",
            node.offset,
        )
    fact = scope.facts.get(key)
    if fact is None:
        raise _unknown_name(node, scope)
    if fact.about == "person" and not person:
        raise CompileError(
            f"'{key}' is a fact about a person; use it inside any(), all(), count() or sum()",
            node.offset,
        )
    choices = frozenset(fact.choices) if fact.type == "choice" else None
    lo, hi = _bounds(fact)
    if fact.derived:
        fn = _derived(fact, scope, node.offset)
    elif fact.about == "household":
        unknown = Unknown(frozenset((key,)), lo, hi)

        def fn(ctx: EvaluationContext) -> Any:
            return ctx.household.get(key, unknown)

    else:

        def fn(ctx: EvaluationContext) -> Any:
            member = ctx.member
            value = member.facts.get(key, member)  # type: ignore[union-attr]
            if value is not member:
                return value
            unknown = member.unknowns.get(key)  # type: ignore[union-attr]
            if unknown is None:
                unknown = Unknown(frozenset((f"{member.id}.{key}",)), lo, hi)  # type: ignore[union-attr]
                member.unknowns[key] = unknown  # type: ignore[union-attr]
            return unknown

    return annotate(node, fact.type, fn, choices)


def _bounds(fact: FactDef) -> tuple[Decimal, Decimal]:
    return (
        logic.NINF if fact.min is None else fact.min,
        logic.INF if fact.max is None else fact.max,
    )


def _derived(fact: FactDef, scope: Scope, offset: int) -> Fn:
    key = fact.key
    if key not in scope.derived_fns:
        if key in scope.compiling:
            cycle = " → ".join([*scope.compiling[scope.compiling.index(key) :], key])
            raise CompileError(f"derived facts define each other in a circle: {cycle}", offset)
        if scope.define is None:  # pragma: no cover - the loader always sets it
            raise CompileError(f"derived fact '{key}' is not compiled", offset)
        scope.define(key)
    inner = scope.derived_fns[key]
    lo = fact.min
    hi = fact.max
    if fact.about == "household":

        def household_value(ctx: EvaluationContext) -> Any:
            cache = ctx.cache
            if key in cache:
                return cache[key]
            saved = ctx.member
            ctx.member = None
            value = logic.clamp(inner(ctx), lo, hi)
            ctx.member = saved
            cache[key] = value
            return value

        return household_value

    def person_value(ctx: EvaluationContext) -> Any:
        cache = ctx.member.cache  # type: ignore[union-attr]
        if key in cache:
            return cache[key]
        value = logic.clamp(inner(ctx), lo, hi)
        cache[key] = value
        return value

    return person_value


def _unary(node: Unary, scope: Scope, person: bool) -> Fn:
    operand = _compile(node.operand, scope, person)
    if node.op == "not":
        if node.operand.type != "bool":
            raise CompileError(
                f"'not' needs yes/no, not {kind_name(node.operand.type)}", node.offset
            )
        return annotate(node, "bool", lambda ctx: not3(operand(ctx)))
    if node.operand.type not in NUMERIC:
        raise CompileError(f"'-' needs a number, not {kind_name(node.operand.type)}", node.offset)
    minus_one = Decimal(-1)
    return annotate(node, node.operand.type, lambda ctx: logic.arith("*", operand(ctx), minus_one))


def _binary(node: Binary, scope: Scope, person: bool) -> Fn:
    op = node.op
    if op in ("in", "notin"):
        return _membership(node, scope, person)
    left = _compile(node.left, scope, person)
    right = _compile(node.right, scope, person)
    lt, rt = node.left.type, node.right.type
    if op in ("and", "or"):
        for side in (node.left, node.right):
            if side.type != "bool":
                raise CompileError(
                    f"'{op}' joins yes/no conditions, not {kind_name(side.type)}", side.offset
                )
        if op == "and":

            def both(ctx: EvaluationContext) -> Any:
                a = left(ctx)
                if a is False:
                    return False
                return and3(a, right(ctx))

            return annotate(node, "bool", both)

        def either(ctx: EvaluationContext) -> Any:
            a = left(ctx)
            if a is True:
                return True
            return or3(a, right(ctx))

        return annotate(node, "bool", either)
    if op in ("+", "-", "*", "/"):
        for side in (node.left, node.right):
            if side.type not in NUMERIC:
                raise CompileError(f"'{op}' needs numbers, not {kind_name(side.type)}", side.offset)
        kind = _arith_type(op, lt, rt)

        def arithmetic(ctx: EvaluationContext) -> Any:
            a = left(ctx)
            b = right(ctx)
            if type(a) is not Unknown and type(b) is not Unknown:
                if op == "+":
                    return a + b
                if op == "-":
                    return a - b
                if op == "*":
                    return a * b
                if not b:
                    raise ZeroDivisionError("division by zero")
                return a / b
            return logic.arith(op, a, b)

        return annotate(node, kind, arithmetic)
    # comparison
    _check_comparable(node)

    def comparison(ctx: EvaluationContext) -> Any:
        return logic.compare(op, left(ctx), right(ctx))

    return annotate(node, "bool", comparison)


def _arith_type(op: str, lt: str, rt: str) -> str:
    if op in ("+", "-"):
        return "money" if "money" in (lt, rt) else "number"
    if op == "*":
        return "money" if "money" in (lt, rt) else "number"
    if lt == "money" and rt != "money":
        return "money"
    return "number"


def _check_comparable(node: Binary) -> None:
    left, right = node.left, node.right
    lt, rt = left.type, right.type
    if lt in NUMERIC and rt in NUMERIC:
        return
    if {lt, rt} <= {"choice", "text"}:
        _check_choice(left, right)
        _check_choice(right, left)
        if lt == rt == "text":
            raise CompileError("comparing two fixed texts is always the same", node.offset)
        if node.op not in ("=", "!="):
            raise CompileError("choices can only be compared with = or !=", node.offset)
        return
    if lt == rt and lt in ("date", "bool"):
        if lt == "bool" and node.op not in ("=", "!="):
            raise CompileError("yes/no values can only be compared with = or !=", node.offset)
        return
    raise CompileError(f"cannot compare {kind_name(lt)} with {kind_name(rt)}", node.offset)


def _check_choice(choice: Node, other: Node) -> None:
    choices = getattr(choice, "choices", None)
    if (
        choice.type == "choice"
        and choices
        and isinstance(other, Literal)
        and other.value not in choices
    ):
        raise CompileError(
            f"'{other.value}' is not one of the choices ({', '.join(sorted(choices))})",
            other.offset,
        )


def _membership(node: Binary, scope: Scope, person: bool) -> Fn:
    subject = _compile(node.left, scope, person)
    if not isinstance(node.right, ListOf):  # pragma: no cover - the parser guarantees a list
        raise CompileError("'in' needs a list", node.right.offset)
    items = node.right.items
    if not items:
        raise CompileError("the list is empty", node.right.offset)
    values = []
    for item in items:
        if not isinstance(item, Literal):
            raise CompileError("a list may only hold fixed values", item.offset)
        _literal(item)
        if node.left.type in ("choice", "text"):
            if item.type != "text":
                raise CompileError(
                    f"expected a text value, not {kind_name(item.type)}", item.offset
                )
            _check_choice(node.left, item)
        elif not (node.left.type in NUMERIC and item.type in NUMERIC) and (
            node.left.type != item.type
        ):
            raise CompileError(
                f"cannot compare {kind_name(node.left.type)} with {kind_name(item.type)}",
                item.offset,
            )
        values.append(item.value)
    members = frozenset(values)
    negate = node.op == "notin"

    def membership(ctx: EvaluationContext) -> Any:
        value = subject(ctx)
        if type(value) is Unknown:
            return value if not value.lo.is_finite() else _range_in(value, members, negate)
        return (value in members) != negate

    node.right.type = "list"
    return annotate(node, "bool", membership)


def _range_in(value: Unknown, members: frozenset[Any], negate: bool) -> Any:
    inside = [m for m in members if isinstance(m, Decimal) and value.lo <= m <= value.hi]
    if not inside:
        return negate
    return Unknown(value.deps)
