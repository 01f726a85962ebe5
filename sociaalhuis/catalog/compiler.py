"""Type-check a condition's syntax tree and turn it into nested Python functions.

Compiled once per catalog load; evaluating is then a call per node with no parsing and no
name lookups. Each function takes an `EvaluationContext` and returns a three-valued value
(see `logic`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sociaalhuis.catalog import logic
from sociaalhuis.catalog.language import Binary, Call, ListOf, Literal, Name, Node, Unary
from sociaalhuis.catalog.logic import Unknown, and3, not3, or3
from sociaalhuis.catalog.model import BUILT_IN_GROUP, EVALUATION_DATE, FactDef, GroupDef

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


def compile_condition(node: Node, scope: Scope, person: bool, expect: str = "bool") -> Fn:
    """Check and compile a tree; `person` says whether a member's facts are in reach."""
    fn = _compile(node, scope, person)
    if expect == "any":
        return fn
    if expect == "bool" and node.type != "bool":
        raise CompileError(f"a condition must be true or false, not {_a(node.type)}", node.offset)
    if expect == "numeric" and node.type not in NUMERIC:
        raise CompileError(f"a formula must give a number, not {_a(node.type)}", node.offset)
    return fn


def _a(kind: str) -> str:
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
        return _call(node, scope, person)
    if isinstance(node, ListOf):
        raise CompileError("a list may only follow 'in' or 'not in'", node.offset)
    raise CompileError("not a condition", node.offset)  # pragma: no cover - parser makes none


def _set(node: Node, kind: str, fn: Fn, choices: frozenset[str] | None = None) -> Fn:
    node.type = kind
    node.fn = fn
    node.choices = choices  # type: ignore[attr-defined]
    return fn


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
    return _set(node, kind, lambda ctx: value)


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
        return _set(node, "date", lambda ctx: ctx.on)
    if key in scope.parameters:
        scope.used_parameters.add(key)

        def parameter(ctx: EvaluationContext) -> Any:
            value = ctx.params[key]
            if value is None:
                raise ParameterMissing(key, ctx.on)
            return value

        return _set(node, scope.parameters[key], parameter)
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

    return _set(node, fact.type, fn, choices)


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
            raise CompileError(f"'not' needs yes/no, not {_a(node.operand.type)}", node.offset)
        return _set(node, "bool", lambda ctx: not3(operand(ctx)))
    if node.operand.type not in NUMERIC:
        raise CompileError(f"'-' needs a number, not {_a(node.operand.type)}", node.offset)
    minus_one = Decimal(-1)
    return _set(node, node.operand.type, lambda ctx: logic.arith("*", operand(ctx), minus_one))


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
                    f"'{op}' joins yes/no conditions, not {_a(side.type)}", side.offset
                )
        if op == "and":

            def both(ctx: EvaluationContext) -> Any:
                a = left(ctx)
                if a is False:
                    return False
                return and3(a, right(ctx))

            return _set(node, "bool", both)

        def either(ctx: EvaluationContext) -> Any:
            a = left(ctx)
            if a is True:
                return True
            return or3(a, right(ctx))

        return _set(node, "bool", either)
    if op in ("+", "-", "*", "/"):
        for side in (node.left, node.right):
            if side.type not in NUMERIC:
                raise CompileError(f"'{op}' needs numbers, not {_a(side.type)}", side.offset)
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

        return _set(node, kind, arithmetic)
    # comparison
    _check_comparable(node)

    def comparison(ctx: EvaluationContext) -> Any:
        return logic.compare(op, left(ctx), right(ctx))

    return _set(node, "bool", comparison)


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
    raise CompileError(f"cannot compare {_a(lt)} with {_a(rt)}", node.offset)


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
                raise CompileError(f"expected a text value, not {_a(item.type)}", item.offset)
            _check_choice(node.left, item)
        elif not (node.left.type in NUMERIC and item.type in NUMERIC) and (
            node.left.type != item.type
        ):
            raise CompileError(
                f"cannot compare {_a(node.left.type)} with {_a(item.type)}", item.offset
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
    return _set(node, "bool", membership)


def _range_in(value: Unknown, members: frozenset[Any], negate: bool) -> Any:
    inside = [m for m in members if isinstance(m, Decimal) and value.lo <= m <= value.hi]
    if not inside:
        return negate
    return Unknown(value.deps)


AGGREGATES = ("any", "all", "count", "sum")


def _call(node: Call, scope: Scope, person: bool) -> Fn:
    name = node.function
    if name in AGGREGATES:
        return _aggregate(node, scope, person)
    if name == "eligible":
        return _eligible(node, scope)
    args = [_compile(arg, scope, person) for arg in node.args]
    types = [arg.type for arg in node.args]
    if name in ("years_between", "months_between"):
        _arity(node, 2)
        for arg in node.args:
            if arg.type != "date":
                raise CompileError(f"{name}() needs two dates, not {_a(arg.type)}", arg.offset)
        return _set(node, "number", _between(name, args[0], args[1]))
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
            return logic._ranged(pick(a_lo, b_lo), pick(a_hi, b_hi), deps)

        return _set(node, "money" if "money" in types else "number", extreme)
    if name == "round":
        _arity(node, 2)
        _numeric_args(node)
        digits = node.args[1]
        if not isinstance(digits, Literal) or not isinstance(digits.value, Decimal):
            raise CompileError("round() needs a fixed number of decimals", digits.offset)
        quantum = Decimal(1).scaleb(-int(digits.value))
        value_fn = args[0]

        def rounded(ctx: EvaluationContext) -> Any:
            value = value_fn(ctx)
            if type(value) is Unknown:
                return value
            return value.quantize(quantum, ROUND_HALF_UP)

        return _set(node, types[0], rounded)
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
        return _set(node, kind, choose, choices)
    known = ", ".join(
        sorted(
            [
                *AGGREGATES,
                "eligible",
                "years_between",
                "months_between",
                "min",
                "max",
                "round",
                "if",
            ]
        )
    )
    raise CompileError(f"unknown function '{name}' (known: {known})", node.offset)


def _arity(node: Call, count: int) -> None:
    if len(node.args) != count:
        raise CompileError(
            f"{node.function}() takes {count} arguments, not {len(node.args)}", node.offset
        )


def _numeric_args(node: Call) -> None:
    for arg in node.args:
        if arg.type not in NUMERIC:
            raise CompileError(f"{node.function}() needs numbers, not {_a(arg.type)}", arg.offset)


def _branch_type(a: Node, b: Node) -> str:
    if a.type in NUMERIC and b.type in NUMERIC:
        return "money" if "money" in (a.type, b.type) else "number"
    if {a.type, b.type} <= {"choice", "text"}:
        return "choice"
    if a.type != b.type:
        raise CompileError(f"if() gives {_a(a.type)} or {_a(b.type)}; both must be alike", b.offset)
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
    return _set(node, "bool", lambda ctx: ctx.rights[right_id])


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


def _aggregate(node: Call, scope: Scope, person: bool) -> Fn:
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
        body = _compile(node.args[1], scope, person=True)
        wanted = "numeric" if name == "sum" else "bool"
        body_type = node.args[1].type
        if (wanted == "bool" and body_type != "bool") or (
            wanted == "numeric" and body_type not in NUMERIC
        ):
            what = "a number" if wanted == "numeric" else "a yes/no condition"
            raise CompileError(
                f"{name}() needs {what} per member, not {_a(body_type)}", node.args[1].offset
            )
    if name == "any":
        return _set(node, "bool", _any(member_in, body))  # type: ignore[arg-type]
    if name == "all":
        return _set(node, "bool", _all(member_in, body))  # type: ignore[arg-type]
    if name == "count":
        return _set(node, "number", _count(member_in, body))
    kind = node.args[1].type
    return _set(node, kind, _sum(member_in, body))  # type: ignore[arg-type]


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
