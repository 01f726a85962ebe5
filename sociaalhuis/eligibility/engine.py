"""Evaluate every right of the catalog for one household on one date: three-valued verdicts,
the unknown facts that could change them, and the outdated figures they rest on.

Explanations are made separately (`explain`), only for the verdicts someone looks at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sociaalhuis.catalog import parameters as parameter_values
from sociaalhuis.catalog.compiler import EvaluationContext, ParameterMissing
from sociaalhuis.catalog.language import names_in
from sociaalhuis.catalog.logic import Unknown, and3, or3
from sociaalhuis.catalog.model import Catalog, FactDef, RightDef
from sociaalhuis.eligibility.situation import Situation

ELIGIBLE = "eligible"
POSSIBLY = "possibly_eligible"
NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class Verdict:
    """The outcome for one right."""

    right: RightDef
    verdict: str
    missing_facts: tuple[str, ...] = ()  # `m2.birth_date` or a household fact key
    outdated: tuple[str, ...] = ()  # parameters with a lapsed figure this verdict rests on
    error: str = ""  # e.g. a parameter with no value yet on the date
    routes: tuple[Any, ...] = field(default=(), repr=False)  # each route's three-valued result

    @property
    def receives(self) -> bool:
        """True when a route marked `receives` holds: the client already has this right."""
        return any(
            route.receives and value is True
            for route, value in zip(self.right.routes, self.routes, strict=False)
        )


class Evaluator:
    """A catalog ready to evaluate households; parameter values are cached per date."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._params: dict[date, dict[str, Any]] = {}
        self.implied = [
            fact
            for fact in catalog.facts.values()
            if fact.asked_when_node is not None and fact.otherwise is not None
        ]
        # fact → the facts of the same subject whose `asked_when` names it (whose asking it decides)
        self.gates: dict[str, set[str]] = {}
        for key, fact in catalog.facts.items():
            for name in names_in(fact.asked_when_node) if fact.asked_when_node else ():
                gate = catalog.facts.get(name.name)
                if gate is not None and gate.about == fact.about:
                    self.gates.setdefault(name.name, set()).add(key)

    def params(self, on: date) -> dict[str, Any]:
        values = self._params.get(on)
        if values is None:
            values = parameter_values.raw_values_on(self.catalog, on)
            if len(self._params) > 64:
                self._params.clear()
            self._params[on] = values
        return values

    def outdated(self, on: date) -> set[str]:
        values = parameter_values.values_on(self.catalog, on)
        return {key for key, value in values.items() if value.outdated}

    def context(
        self, situation: Situation, on: date, implied: list[FactDef] | None = None
    ) -> EvaluationContext:
        """The evaluation context, with the facts implied by `asked_when` … `otherwise`
        (all of them, or only those in `implied`)."""
        ctx = situation.context(on, self.params(on))
        for fact in self.implied if implied is None else implied:
            self._imply(ctx, fact)
        return ctx

    def completed(self, situation: Situation, on: date) -> Situation:
        """`situation` with every implied fact written in, to try answers on cheaply."""
        ctx = self.context(situation, on)
        return Situation(ctx.household, tuple((m.id, m.facts) for m in ctx.members))

    def _imply(self, ctx: EvaluationContext, fact: FactDef) -> None:
        """Give `fact` its `otherwise` value wherever it is unknown and not to be asked."""
        fn = fact.asked_when_node.fn  # type: ignore[union-attr]
        errors: list[str] = []
        if fact.about == "household":
            if fact.key not in ctx.household and _safe(fn, ctx, errors) is False:
                ctx.household = {**ctx.household, fact.key: fact.otherwise}
                ctx.cache.clear()
            return
        for member in ctx.members:
            if fact.key in member.facts:
                continue
            ctx.member = member
            if _safe(fn, ctx, errors) is False:
                # Copy: the facts dict belongs to the caller's situation.
                member.facts = {**member.facts, fact.key: fact.otherwise}
                member.cache.clear()
                member.unknowns.clear()
                ctx.cache.clear()
        ctx.member = None

    def evaluate(self, situation: Situation, on: date) -> list[Verdict]:
        """A verdict per right, in catalog order (a right after those it depends on)."""
        ctx = self.context(situation, on)
        outdated = self.outdated(on)
        # Only when some figure has lapsed: note which parameters each part actually reads,
        # so a verdict is marked outdated only when it rests on a lapsed figure.
        tracker = None
        if outdated:
            tracker = ctx.params = _Reads(ctx.params)
        return [self._right(right, ctx, outdated, tracker) for right in self.catalog.rights]

    def evaluate_some(
        self,
        situation: Situation,
        on: date,
        rights: list[RightDef],
        implied: list[FactDef] | None = None,
    ) -> dict[str, str]:
        """Only the verdict words of `rights` (in catalog order, with the rights they name);
        `implied` limits which implied facts are filled in (a `completed` situation)."""
        ctx = self.context(situation, on, implied)
        return {right.id: self._right(right, ctx, set(), None).verdict for right in rights}

    def _right(
        self,
        right: RightDef,
        ctx: EvaluationContext,
        outdated: set[str],
        tracker: _Reads | None,
    ) -> Verdict:
        errors: list[str] = []
        if tracker is not None:
            tracker.read = set()
        condition = True if right.when_node is None else _safe(right.when_node.fn, ctx, errors)
        when_reads = set(tracker.read) if tracker is not None else set()
        routes: tuple[Any, ...] = ()
        route_reads: list[set[str]] = []
        if condition is not False and right.routes:
            # A route that cannot be judged (a parameter without a value yet) stays unknown;
            # another route may still settle the verdict.
            values = []
            for route in right.routes:
                if tracker is not None:
                    tracker.read = set()
                values.append(_safe(route.node.fn, ctx, errors))  # type: ignore[union-attr]
                route_reads.append(tracker.read if tracker is not None else set())
            routes = tuple(values)
            any_route: Any = False
            for value in routes:
                any_route = or3(any_route, value)
            result = and3(condition, any_route)
        else:
            result = condition
        ctx.rights[right.id] = result
        if result is True:
            verdict = ELIGIBLE
            holding = [r for r, v in zip(route_reads, routes, strict=False) if v is True]
            used = when_reads | min(holding, key=lambda r: len(r & outdated), default=set())
        elif result is False:
            verdict = NOT_ELIGIBLE
            used = when_reads if condition is False else when_reads.union(*route_reads)
        else:
            verdict = POSSIBLY
            unknown = [r for r, v in zip(route_reads, routes, strict=False) if type(v) is Unknown]
            used = when_reads.union(*unknown)
        missing = tuple(sorted(result.deps, key=_fact_order)) if type(result) is Unknown else ()
        return Verdict(
            right,
            verdict,
            missing,
            tuple(sorted(used & outdated)),
            "; ".join(dict.fromkeys(errors)) if verdict == POSSIBLY else "",
            routes,
        )


class _Reads(dict[str, Any]):
    """Parameter values that remember which keys a condition read."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


def _safe(fn: Any, ctx: EvaluationContext, errors: list[str]) -> Any:
    try:
        return fn(ctx)
    except (ParameterMissing, ZeroDivisionError) as exc:
        errors.append(str(exc))
        return Unknown(frozenset())


def _fact_order(name: str) -> tuple[int, str]:
    return (1, name) if "." in name else (0, name)


def evaluate(catalog: Catalog, situation: Situation, on: date) -> list[Verdict]:
    """One-off evaluation; keep an `Evaluator` to evaluate many households."""
    return Evaluator(catalog).evaluate(situation, on)
