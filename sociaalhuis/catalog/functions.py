"""The functions a condition may call: any/all/count/sum over a group of members,
eligible(), years_between/months_between, min/max, round and if.

Each is type-checked here and compiled to a function of an `EvaluationContext`; the
arguments are compiled by the compiler, which passes itself in as `compile_node`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sociaalhuis.catalog import logic
from sociaalhuis.catalog.evaluation import (
    NUMERIC,
    CompileError,
    EvaluationContext,
    Fn,
    Scope,
    annotate,
    kind_name,
)
from sociaalhuis.catalog.language import Call, Literal, Name, Node
from sociaalhuis.catalog.logic import Unknown, and3, not3
from sociaalhuis.catalog.model import BUILT_IN_GROUP

CompileNode = Callable[[Node, Scope, bool], Fn]

AGGREGATES = ("any", "all", "count", "sum")
FUNCTIONS = (
    *AGGREGATES,
    "eligible",
    "years_between",
    "months_between",
    "min",
    "max",
    "round",
    "if",
)
MAX_DECIMALS = 10  # round(x, 25) asked Decimal for more digits than its 28 and failed


def compile_call(node: Call, scope: Scope, person: bool, compile_node: CompileNode) -> Fn:
    """Check and compile a call of one of the functions a condition may use."""
    name = node.function
    if name in AGGREGATES:
        return _aggregate(node, scope, person, compile_node)
    if name == "eligible":
        return _eligible(node, scope)
    args = [compile_node(arg, scope, person) for arg in node.args]
    types = [arg.type for arg in node.args]
    if name in ("years_between", "months_between"):
        _arity(node, 2)
        for arg in node.args:
            if arg.type != "date":
                raise CompileError(
                    f"{name}() needs two dates, not {kind_name(arg.type)}", arg.offset
                )
        return annotate(node, "number", _between(name, args[0], args[1]))
    if name in ("min", "max"):
        _arity(node, 2)
        _numeric_args(node)
        pick = min if name == "min" else max
        first, second = args

        def extreme(ctx: EvaluationContext) -> Any:
            a, b = first(ctx), second(ctx)
            if type(a) is not Unknown and type(b) is not Unknown:
                return pick(a, b)
            a_lo, a_hi = logic.bounds(a)
            b_lo, b_hi = logic.bounds(b)
            deps = logic.deps_of(a) | logic.deps_of(b)
            return logic.ranged(pick(a_lo, b_lo), pick(a_hi, b_hi), deps)

        return annotate(node, "money" if "money" in types else "number", extreme)
    if name == "round":
        _arity(node, 2)
        _numeric_args(node)
        digits = node.args[1]
        if not isinstance(digits, Literal) or not isinstance(digits.value, Decimal):
            raise CompileError("round() needs a fixed number of decimals", digits.offset)
        if digits.value != digits.value.to_integral_value() or not (
            0 <= digits.value <= MAX_DECIMALS
        ):
            raise CompileError(
                f"round() takes a whole number of decimals from 0 to {MAX_DECIMALS}, "
                f"not {digits.value}",
                digits.offset,
            )
        quantum = Decimal(1).scaleb(-int(digits.value))
        value_fn = args[0]

        def rounded(ctx: EvaluationContext) -> Any:
            value = value_fn(ctx)
            if type(value) is Unknown:
                return value
            try:
                return value.quantize(quantum, ROUND_HALF_UP)
            except InvalidOperation:
                # Too many digits before the point to carry these decimals: such a number
                # is a whole number already at the 28 digits Decimal keeps.
                return +value

        return annotate(node, types[0], rounded)
    if name == "if":
        _arity(node, 3)
        condition_node, then_node, else_node = node.args
        if condition_node.type != "bool":
            raise CompileError("if() needs a yes/no condition first", condition_node.offset)
        kind = _branch_type(then_node, else_node)
        condition, then, otherwise = args

        def choose(ctx: EvaluationContext) -> Any:
            test = condition(ctx)
            if test is True:
                return then(ctx)
            if test is False:
                return otherwise(ctx)
            return logic.hull(test, then(ctx), otherwise(ctx))

        choices = getattr(then_node, "choices", None) or getattr(else_node, "choices", None)
        return annotate(node, kind, choose, choices)
    known = ", ".join(sorted(FUNCTIONS))
    raise CompileError(f"unknown function '{name}' (known: {known})", node.offset)


def _arity(node: Call, count: int) -> None:
    if len(node.args) != count:
        raise CompileError(
            f"{node.function}() takes {count} arguments, not {len(node.args)}", node.offset
        )


def _numeric_args(node: Call) -> None:
    for arg in node.args:
        if arg.type not in NUMERIC:
            raise CompileError(
                f"{node.function}() needs numbers, not {kind_name(arg.type)}", arg.offset
            )


def _branch_type(a: Node, b: Node) -> str:
    if a.type in NUMERIC and b.type in NUMERIC:
        return "money" if "money" in (a.type, b.type) else "number"
    if {a.type, b.type} <= {"choice", "text"}:
        return "choice"
    if a.type != b.type:
        raise CompileError(
            f"if() gives {kind_name(a.type)} or {kind_name(b.type)}; both must be alike", b.offset
        )
    return a.type


def _between(name: str, first: Fn, second: Fn) -> Fn:
    divisor = 12 if name == "years_between" else 1

    def between(ctx: EvaluationContext) -> Any:
        start, end = first(ctx), second(ctx)
        if type(start) is Unknown or type(end) is Unknown:
            return Unknown(logic.deps_of(start) | logic.deps_of(end))
        return Decimal(logic.full_months(start, end) // divisor)

    return between


def _eligible(node: Call, scope: Scope) -> Fn:
    _arity(node, 1)
    target = node.args[0]
    if not isinstance(target, Name):
        raise CompileError("eligible() needs the id of a right", target.offset)
    right_id = target.name
    if right_id not in scope.rights:
        close = difflib.get_close_matches(right_id, list(scope.rights), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise CompileError(f"unknown right '{right_id}'{hint}", target.offset)
    scope.used_rights.add(right_id)
    target.type = "right"
    return annotate(node, "bool", lambda ctx: ctx.rights[right_id])


def _group_membership(name: str, scope: Scope, offset: int) -> Fn | None:
    """A function telling whether the current member belongs to the group (None: everyone)."""
    if name == BUILT_IN_GROUP:
        return None
    if name not in scope.groups:
        close = difflib.get_close_matches(name, [BUILT_IN_GROUP, *scope.groups], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise CompileError(f"unknown group '{name}'{hint}", offset)
    if name not in scope.group_fns:
        marker = f"group {name}"
        if marker in scope.compiling:
            raise CompileError(f"group '{name}' is defined through itself", offset)
        if scope.define is None:  # pragma: no cover
            raise CompileError(f"group '{name}' is not compiled", offset)
        scope.define(marker)
    where = scope.group_fns[name]
    cache_key = f"group {name}"

    def member_in(ctx: EvaluationContext) -> Any:
        cache = ctx.member.cache  # type: ignore[union-attr]
        if cache_key in cache:
            return cache[cache_key]
        value = where(ctx)
        cache[cache_key] = value
        return value

    return member_in


def _aggregate(node: Call, scope: Scope, person: bool, compile_node: CompileNode) -> Fn:
    name = node.function
    if person:
        raise CompileError(f"{name}() cannot be used inside another member condition", node.offset)
    if not node.args or not isinstance(node.args[0], Name):
        raise CompileError(f"{name}() needs a group first: members or a defined group", node.offset)
    group = node.args[0]
    group.type = "group"
    member_in = _group_membership(group.name, scope, group.offset)
    if name == "count" and len(node.args) == 1:
        body: Fn | None = None
    else:
        _arity(node, 2)
        body = compile_node(node.args[1], scope, True)
        wanted = "numeric" if name == "sum" else "bool"
        body_type = node.args[1].type
        if (wanted == "bool" and body_type != "bool") or (
            wanted == "numeric" and body_type not in NUMERIC
        ):
            what = "a number" if wanted == "numeric" else "a yes/no condition"
            raise CompileError(
                f"{name}() needs {what} per member, not {kind_name(body_type)}", node.args[1].offset
            )
    if name == "any":
        return annotate(node, "bool", _any(member_in, body))  # type: ignore[arg-type]
    if name == "all":
        return annotate(node, "bool", _all(member_in, body))  # type: ignore[arg-type]
    if name == "count":
        return annotate(node, "number", _count(member_in, body))
    kind = node.args[1].type
    return annotate(node, kind, _sum(member_in, body))  # type: ignore[arg-type]


def _any(member_in: Fn | None, body: Fn) -> Fn:
    def any_member(ctx: EvaluationContext) -> Any:
        saved = ctx.member
        deps: frozenset[str] | None = None
        try:
            for member in ctx.members:
                ctx.member = member
                inside = True if member_in is None else member_in(ctx)
                if inside is False:
                    continue
                value = body(ctx)
                if inside is not True:
                    value = and3(inside, value)
                if value is True:
                    return True
                if value is not False:
                    deps = value.deps if deps is None else deps | value.deps
        finally:
            ctx.member = saved
        return False if deps is None else Unknown(deps)

    return any_member


def _all(member_in: Fn | None, body: Fn) -> Fn:
    """all(G, c) is not any(G, not c) in three-valued logic too: one loop to get right."""
    any_fails = _any(member_in, lambda ctx: not3(body(ctx)))
    return lambda ctx: not3(any_fails(ctx))


def _count(member_in: Fn | None, body: Fn | None) -> Fn:
    def count_members(ctx: EvaluationContext) -> Any:
        saved = ctx.member
        sure = 0
        maybe = 0
        deps: frozenset[str] = logic.NO_DEPS
        try:
            for member in ctx.members:
                ctx.member = member
                inside = True if member_in is None else member_in(ctx)
                if inside is False:
                    continue
                value = inside if body is None else and3(inside, body(ctx))
                if value is True:
                    sure += 1
                elif value is not False:
                    maybe += 1
                    deps = deps | value.deps
        finally:
            ctx.member = saved
        if not maybe:
            return Decimal(sure)
        return Unknown(deps, Decimal(sure), Decimal(sure + maybe))

    return count_members


def _sum(member_in: Fn | None, body: Fn) -> Fn:
    def sum_members(ctx: EvaluationContext) -> Any:
        saved = ctx.member
        total: Any = logic.ZERO
        try:
            for member in ctx.members:
                ctx.member = member
                inside = True if member_in is None else member_in(ctx)
                if inside is False:
                    continue
                value = body(ctx)
                if inside is not True:
                    lo, hi = logic.bounds(value)
                    value = Unknown(
                        inside.deps | logic.deps_of(value), min(lo, logic.ZERO), max(hi, logic.ZERO)
                    )
                if type(total) is not Unknown and type(value) is not Unknown:
                    total = total + value
                else:
                    total = logic.arith("+", total, value)
        finally:
            ctx.member = saved
        return total

    return sum_members
