"""Dutch explanations of verdicts: each condition with the values and parameters it used,
whether it held, what would change a failed threshold, and the source of the rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog import parameters as parameter_values
from sociaalhuis.catalog.compiler import EvaluationContext, ParameterMissing
from sociaalhuis.catalog.language import (
    Binary,
    Call,
    ListOf,
    Literal,
    Name,
    Node,
    Unary,
    names_in,
)
from sociaalhuis.catalog.logic import Unknown
from sociaalhuis.catalog.model import BUILT_IN_GROUP, EVALUATION_DATE, Catalog
from sociaalhuis.eligibility.engine import ELIGIBLE, NOT_ELIGIBLE, Evaluator, Verdict
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.locale_format import format_day, format_money, format_number

SYMBOLS = {"=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
ARITH = {"+": "+", "-": "−", "*": "×", "/": "/"}
PRECEDENCE = {"or": 1, "and": 2, "+": 4, "-": 4, "*": 5, "/": 5}


def money(value: Decimal) -> str:
    """`€ 1.288,46`: Belgian Dutch, a point between thousands and a comma before the cents."""
    return format_money(value, "nl")


def number(value: Decimal) -> str:
    """`21.400` or `0,125`: Belgian Dutch, every digit the value has."""
    return format_number(value, "nl")


def day(value: date) -> str:
    """`1/8/2022`: the short Dutch date of running text."""
    return format_day(value, "nl", "compact")


def truth(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return "onbekend"


class Explainer:
    """Renders conditions of one catalog for one household and date."""

    def __init__(
        self,
        evaluator: Evaluator,
        situation: Situation,
        on: date,
        names: dict[str, str] | None = None,
    ) -> None:
        self.catalog: Catalog = evaluator.catalog
        self.on = on
        self.names = names or {}  # member id → the person's name, shown instead of `m2`
        self.ctx: EvaluationContext = evaluator.context(situation, on)
        self.values = parameter_values.values_on(self.catalog, on)
        # Fill ctx.rights so eligible() can be shown with its outcome.
        for verdict in evaluator.evaluate(situation, on):
            self.ctx.rights[verdict.right.id] = _tri(verdict.verdict, verdict.missing_facts)

    def reasons(self, verdict: Verdict) -> list[str]:
        """Sentences for one verdict: conditions, outcome, what would change it, sources."""
        right = verdict.right
        lines: list[str] = []
        if verdict.error:
            lines.append(f"Kan niet beoordeeld worden: {verdict.error}.")
        condition = None
        if right.when_node is not None:
            condition = self.value(right.when_node)
            lines.append(f"Voorwaarde: {self.render(right.when_node)} — {_held(condition)}.")
        if condition is not False:
            for route in right.routes:
                value = self.value(route.node)  # type: ignore[arg-type]
                lines.append(
                    f"{_capital(route.label)}: {self.render(route.node)} — "  # type: ignore[arg-type]
                    f"{_held(value)}."
                )
        if verdict.verdict == NOT_ELIGIBLE:
            hints: list[str] = []
            if condition is False:
                hints = self.would_change(right.when_node)  # type: ignore[arg-type]
            else:
                for route in right.routes:
                    hints.extend(self.would_change(route.node))  # type: ignore[arg-type]
            lines.extend(f"Zou recht hebben {hint}." for hint in dict.fromkeys(hints))
        lines.extend(self._to_ask(verdict))
        for figure, since, reason in self._lapsed(verdict):
            since = f" sinds {since}" if since else ""
            why = f" {reason}" if reason else ""
            lines.append(f"Let op: gebaseerd op een verouderd cijfer: {figure}{since}.{why}")
        if right.uncertain:
            lines.append(f"Onzeker: {right.uncertain}")
        if right.sources:
            lines.append("Bron: " + " · ".join(right.sources))
        return lines

    # --- values -----------------------------------------------------------------------------

    def value(self, node: Node) -> Any:
        """The node's value; unknown when it needs a member's facts but no member is in view."""
        try:
            return node.fn(self.ctx)
        except (ParameterMissing, ZeroDivisionError):
            return Unknown(frozenset())
        except AttributeError:
            if self.ctx.member is None:
                return Unknown(frozenset())
            raise

    def format(self, value: Any, kind: str) -> str:
        if isinstance(value, Unknown):
            return "(onbekend)"
        if isinstance(value, bool):
            return truth(value)
        if isinstance(value, Decimal):
            return money(value) if kind == "money" else number(value)
        if isinstance(value, date):
            return day(value)
        if value is None:
            return "geen waarde"
        if kind == "choice":
            return self._choice_label(str(value))
        return str(value)

    def _choice_label(self, value: str) -> str:
        for fact in self.catalog.facts.values():
            if value in fact.choices:
                return f"'{fact.choices[value]}'"
        return f"'{value}'"

    def fact_name(self, name: str) -> str:
        """`m2.birth_date` → `geboortedatum (Sara)`, or `(m2)` when no name is known."""
        member, _, key = name.rpartition(".")
        fact = self.catalog.facts.get(key)
        label = fact.label if fact else key
        return f"{label} ({self.member_name(member)})" if member else label

    def member_name(self, member_id: str) -> str:
        """The member's name, isolated so a right-to-left name keeps its place in a sentence."""
        name = self.names.get(member_id)
        return f"\u2068{name}\u2069" if name else member_id

    def plain(self, verdict: Verdict) -> list[str]:
        """Short sentences for the screen: each way to the right and whether it holds, what
        is still to be asked, and which figures may be out of date; no formulas."""
        right = verdict.right
        lines: list[str] = []
        if verdict.error:
            lines.append("Dit kan nu niet beoordeeld worden: een bedrag ontbreekt in de catalogus.")
        condition = None
        if right.when_node is not None:
            condition = self.value(right.when_node)
            used = self._facts_in(right.when_node)
            lines.append(f"Basisvoorwaarde ({used}): {_plain(condition)}.")
        if condition is not False:
            for route in right.routes:
                value = self.value(route.node)  # type: ignore[arg-type]
                lines.append(f"{_capital(route.label)}: {_plain(value)}.")
        lines.extend(self._to_ask(verdict))
        for figure, since, _ in self._lapsed(verdict):
            since = f" (bedrag sinds {since})" if since else ""
            lines.append(f"Let op: {figure}{since} is mogelijk niet meer actueel.")
        return lines

    def _to_ask(self, verdict: Verdict) -> list[str]:
        if not verdict.missing_facts:
            return []
        asked = ", ".join(self.fact_name(name) for name in verdict.missing_facts)
        return [f"Nog te vragen: {asked}."]

    def _lapsed(self, verdict: Verdict) -> list[tuple[str, str, str]]:
        """Each lapsed figure the verdict used, with its value, since when it holds, and why
        it is still used (the catalog's `lapsed` reason, if any)."""
        found = []
        for key in verdict.outdated:
            value = self.values[key]
            parameter = self.catalog.parameters[key]
            figure = f"{parameter.label} {self.format(value.value, parameter.type)}"
            found.append((figure, day(value.since) if value.since else "", value.reason))
        return found

    def _facts_in(self, node: Node) -> str:
        labels = []
        for name in names_in(node):
            fact = self.catalog.facts.get(name.name)
            if fact is not None and fact.label not in labels:
                labels.append(fact.label)
        return ", ".join(labels) or "algemeen"

    # --- rendering ------------------------------------------------------------------------

    def render(self, node: Node, parent: int = 0) -> str:
        if isinstance(node, Literal):
            return self.format(node.value, node.type)
        if isinstance(node, Name):
            return self._name(node)
        if isinstance(node, Unary):
            if node.op == "not":
                return f"niet ({self.render(node.operand)})"
            return f"−{self.render(node.operand, 9)}"
        if isinstance(node, Binary):
            return self._binary(node, parent)
        if isinstance(node, Call):
            return self._call(node)
        if isinstance(node, ListOf):
            return ", ".join(self.render(item) for item in node.items)
        return "?"  # pragma: no cover

    def _name(self, node: Name) -> str:
        key = node.name
        if key == EVALUATION_DATE:
            return f"de datum van beoordeling {day(self.on)}"
        if key in self.catalog.parameters:
            parameter = self.catalog.parameters[key]
            value = self.values[key]
            text = f"{parameter.label} {self.format(value.value, parameter.type)}"
            notes = []
            if value.since:
                notes.append(f"sinds {day(value.since)}")
            if value.outdated:
                notes.append("verouderd")
            return text + (f" ({' — '.join(notes)})" if notes else "")
        fact = self.catalog.facts[key]
        if self.ctx.member is not None or fact.about == "household":
            value = self.value(node)
            colon = ":" if node.type == "bool" else ""
            return f"{fact.label}{colon} {self.format(value, node.type)}"
        return fact.label

    def _binary(self, node: Binary, parent: int) -> str:
        op = node.op
        if op in ("and", "or"):
            word = " en " if op == "and" else " of "
            text = word.join(self._parts(node, op))
            return f"({text})" if parent and parent != PRECEDENCE[op] else text
        if op in ("in", "notin"):
            word = "is een van" if op == "in" else "is geen van"
            items = node.right.items if isinstance(node.right, ListOf) else []
            listed = ", ".join(self._beside(node.left, item) for item in items)
            return f"{self.render(node.left)} {word}: {listed}"
        if op in ARITH:
            precedence = PRECEDENCE[op]
            text = (
                f"{self.render(node.left, precedence)} {ARITH[op]} "
                f"{self.render(node.right, precedence + 1)}"
            )
            return f"({text})" if parent > precedence else text
        left = self._beside(node.right, node.left)
        right = self._beside(node.left, node.right)
        return f"{left} {SYMBOLS[op]} {right}"

    def _beside(self, other: Node, node: Node) -> str:
        """A comparison side; a fixed choice shows its Dutch label from the fact beside it."""
        if isinstance(node, Literal) and node.type == "text":
            choices = getattr(other, "choices", None) or ()
            fact = next(
                (
                    f
                    for f in self.catalog.facts.values()
                    if f.choices and set(f.choices) == set(choices)
                ),
                None,
            )
            if fact is not None and node.value in fact.choices:
                return f"'{fact.choices[node.value]}'"
            return f"'{node.value}'"
        return self._side(node)

    def _parts(self, node: Node, op: str) -> list[str]:
        if isinstance(node, Binary) and node.op == op:
            return [*self._parts(node.left, op), *self._parts(node.right, op)]
        return [self.render(node, PRECEDENCE[op])]

    def _side(self, node: Node) -> str:
        """A comparison side; a computed one ends with its result."""
        text = self.render(node)
        if isinstance(node, Binary) and node.op in ARITH:
            value = self.value(node)
            if not isinstance(value, Unknown):
                text += f" = {self.format(value, node.type)}"
        return text

    def _call(self, node: Call) -> str:
        name = node.function
        if name == "eligible":
            target = node.args[0]
            right_id = target.name if isinstance(target, Name) else "?"
            try:
                label = self.catalog.right(right_id).name
            except KeyError:  # pragma: no cover - the compiler checked it
                label = right_id
            return f"recht op {label}: {truth(self.value(node))}"
        if name in ("any", "all", "count", "sum"):
            return self._aggregate(node)
        if name in ("years_between", "months_between"):
            unit = "jaren" if name == "years_between" else "maanden"
            first, second = node.args
            value = self.value(node)
            result = "" if isinstance(value, Unknown) else f" = {number(value)}"
            return f"{unit} tussen {self.render(first)} en {self.render(second)}{result}"
        args = ", ".join(self.render(arg) for arg in node.args)
        words = {
            "min": "het kleinste van",
            "max": "het grootste van",
            "round": "afgerond",
            "if": "als",
        }
        value = self.value(node)
        return f"{words.get(name, name)} ({args}) = {self.format(value, node.type)}"

    def _aggregate(self, node: Call) -> str:
        group_node = node.args[0]
        group = group_node.name if isinstance(group_node, Name) else BUILT_IN_GROUP
        if group == BUILT_IN_GROUP:
            who = "het huishouden (iedereen op het adres)"
        else:
            who = f"het {self.catalog.groups[group].label}"
        body = node.args[1] if len(node.args) > 1 else None
        value = self.value(node)
        described = self._member_text(body) if body is not None else ""
        per_member = self._per_member(group, body) if body is not None else ""
        if node.function == "any":
            return f"iemand in {who} met {described}: {truth(value)}{per_member}"
        if node.function == "all":
            return f"iedereen in {who} met {described}: {truth(value)}{per_member}"
        if node.function == "count":
            counted = f" met {described}" if body is not None else ""
            return f"aantal in {who}{counted}: {self.format(value, 'number')}{per_member}"
        return f"som over {who} van {described} = {self.format(value, node.type)}"

    def _member_text(self, node: Node) -> str:
        saved = self.ctx.member
        self.ctx.member = None
        try:
            return self.render(node)
        finally:
            self.ctx.member = saved

    def _per_member(self, group: str, body: Node) -> str:
        if body.type != "bool" or not self.ctx.members:
            return ""
        saved = self.ctx.member
        parts = []
        try:
            for member in self.ctx.members:
                self.ctx.member = member
                if group != BUILT_IN_GROUP:
                    inside = self.value(self.catalog.groups[group].node)  # type: ignore[arg-type]
                    if inside is False:
                        continue
                parts.append(f"{self.member_name(member.id)}: {truth(self.value(body))}")
        finally:
            self.ctx.member = saved
        return f" ({', '.join(parts)})" if parts else ""

    # --- what would change a failed threshold ---------------------------------------------------

    def would_change(self, node: Node) -> list[str]:
        """For a failed condition: the threshold that blocks it, as 'bij X tot Y'."""
        value = self.value(node)
        if value is not False:
            return []
        if isinstance(node, Binary) and node.op == "and":
            failing = [part for part in _flatten(node, "and") if self.value(part) is False]
            return self.would_change(failing[0]) if len(failing) == 1 else []
        if isinstance(node, Binary) and node.op == "or":
            return [hint for part in _flatten(node, "or") for hint in self.would_change(part)]
        if isinstance(node, Binary) and node.op in ("<", "<=", ">", ">="):
            return self._threshold(node)
        return []

    def _threshold(self, node: Binary) -> list[str]:
        if node.left.type not in ("number", "money") or node.right.type not in ("number", "money"):
            return []
        # The limit is the side built from figures; else the side without facts.
        left_limit = _uses(node.left, self.catalog.parameters)
        right_limit = _uses(node.right, self.catalog.parameters)
        if left_limit == right_limit:
            left_limit = not _uses(node.left, self.catalog.facts, aggregates=True)
            right_limit = not _uses(node.right, self.catalog.facts, aggregates=True)
            if left_limit == right_limit:
                return []
        subject, limit, op = node.left, node.right, node.op
        if left_limit:
            subject, limit = node.right, node.left
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
        bound = self.value(limit)
        if isinstance(bound, Unknown):
            return []
        label = self._label(subject)
        amount = self.format(bound, limit.type if limit.type == "money" else subject.type)
        words = {"<=": "tot", "<": "lager dan", ">=": "vanaf", ">": "hoger dan"}[op]
        return [f"bij {label} {words} {amount}"]

    def _label(self, node: Node) -> str:
        if isinstance(node, Name) and node.name in self.catalog.facts:
            return f"een {self.catalog.facts[node.name].label}"
        return self._member_text(node)


def _flatten(node: Node, op: str) -> list[Node]:
    if isinstance(node, Binary) and node.op == op:
        return [*_flatten(node.left, op), *_flatten(node.right, op)]
    return [node]


def _uses(node: Node, names: Any, aggregates: bool = False) -> bool:
    """Whether the tree names any of `names`; with `aggregates`, count() and sum() count too."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name) and current.name in names:
            return True
        if aggregates and isinstance(current, Call) and current.function in ("count", "sum"):
            return True
        if isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))
        elif isinstance(current, Call):
            stack.extend(current.args)
    return False


def _tri(verdict: str, missing: tuple[str, ...]) -> Any:
    if verdict == ELIGIBLE:
        return True
    if verdict == NOT_ELIGIBLE:
        return False
    return Unknown(frozenset(missing))


def _plain(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return "nog niet bekend"


def _held(value: Any) -> str:
    if value is True:
        return "voldaan"
    if value is False:
        return "niet voldaan"
    return "nog onbekend"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def explain(
    evaluator: Evaluator, situation: Situation, on: date, verdicts: list[Verdict]
) -> dict[str, list[str]]:
    """Reasons for each verdict, by right id."""
    explainer = Explainer(evaluator, situation, on)
    return {verdict.right.id: explainer.reasons(verdict) for verdict in verdicts}
