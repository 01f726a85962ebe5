"""The questions that matter for one household: open facts whose answer can still change a
verdict, the one that settles most undecided rights first.

A fact is a candidate when an undecided (possibly eligible) right names it among its missing
facts; the engine's three-valued logic already leaves out facts that cannot matter any more
(`a and b` with `a` false does not need `b`), and `asked_when` … `otherwise` in the fact
dictionary leaves out what is not asked of this member (a child is not asked about a pension).
Each candidate is then tried with a few typical answers (yes and no; every choice; zero and a
very large amount; a date today and long ago), and scored by how many undecided rights those
answers settle on average. A fact no single answer settles still matters together with others;
it comes after those that do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog.model import FactDef, RightDef
from sociaalhuis.eligibility.engine import POSSIBLY, Evaluator, Verdict
from sociaalhuis.eligibility.situation import Situation

LARGE_AMOUNT = Decimal(10) ** 7
FACTS_OF_THE_MEMBER_GRID = frozenset({"role", "birth_date"})


@dataclass(frozen=True)
class Question:
    """One open fact: `name` as the engine writes it (`m2.leefloon`, `tenure`)."""

    name: str
    owner: str | None  # member id, or None for the household
    key: str
    settles: float  # undecided rights an answer settles, on average over typical answers
    rights: tuple[str, ...]  # the undecided rights that name it
    closes: int = 0  # open questions it decides to ask or not (a "no" to a handicap)
    waits: bool = False  # a question that decides whether to ask this one is still open

    @property
    def score(self) -> float:
        """The order of asking: rights settled, and half a point per question it may close."""
        return self.settles + self.closes / 2


def open_questions(
    evaluator: Evaluator, situation: Situation, on: date, verdicts: list[Verdict]
) -> list[Question]:
    """The questions worth asking now, the biggest decider first."""
    undecided = [v for v in verdicts if v.verdict == POSSIBLY]
    if not undecided:
        return []
    named: dict[str, list[str]] = {}
    for verdict in undecided:
        for name in verdict.missing_facts:
            named.setdefault(name, []).append(verdict.right.id)
    catalog = evaluator.catalog
    gates = evaluator.gates
    base = evaluator.completed(situation, on)
    questions = []
    for name, right_ids in named.items():
        owner, _, key = name.rpartition(".")
        fact = catalog.facts.get(key)
        if fact is None or fact.derived or key in FACTS_OF_THE_MEMBER_GRID:
            continue
        # Only the rights that name the fact, or a fact it decides to ask or not, can change.
        reached = set(right_ids)
        for gated in gates.get(key, ()):
            reached.update(named.get(_name(owner, gated), ()))
        rights = _with_dependencies(evaluator, reached)
        implied = [
            catalog.facts[g] for g in gates.get(key, ()) if catalog.facts[g].otherwise is not None
        ]
        settles = _settles(evaluator, base, on, rights, sorted(reached), name, fact, implied)
        closes = sum(1 for gated in gates.get(key, ()) if _name(owner, gated) in named)
        questions.append(Question(name, owner or None, key, settles, tuple(right_ids), closes))
    # A question waits while a question that decides whether to ask it is still open.
    waiting = {_name(q.owner or "", gated) for q in questions for gated in gates.get(q.key, ())}
    questions = [replace(q, waits=q.name in waiting) for q in questions]
    questions.sort(key=lambda q: (q.waits, -q.score, -len(q.rights), _member_first(q), q.name))
    return questions


def _name(owner: str, key: str) -> str:
    return f"{owner}.{key}" if owner else key


def _member_first(question: Question) -> tuple[int, str]:
    """Household questions before members' ones, then the applicant (m1) before the others."""
    return (0, "") if question.owner is None else (1, question.owner.zfill(4))


def typical_answers(fact: FactDef, on: date) -> list[Any]:
    """A few answers that between them reach both sides of any threshold."""
    if fact.type == "bool":
        return [True, False]
    if fact.type == "choice":
        return list(fact.choices)
    if fact.type == "date":
        return [on, date(on.year - 100, on.month, min(on.day, 28))]
    low = fact.min if fact.min is not None else Decimal(0)
    high = fact.max if fact.max is not None else LARGE_AMOUNT
    return [low, high]


def _settles(
    evaluator: Evaluator,
    situation: Situation,
    on: date,
    rights: list[RightDef],
    undecided: list[str],
    name: str,
    fact: FactDef,
    implied: list[FactDef],
) -> float:
    answers = typical_answers(fact, on)
    settled = 0
    for answer in answers:
        probe = situation.with_fact(name, answer)
        verdicts = evaluator.evaluate_some(probe, on, rights, implied)
        settled += sum(1 for right_id in undecided if verdicts[right_id] != POSSIBLY)
    return settled / len(answers)


def _with_dependencies(evaluator: Evaluator, wanted: set[str]) -> list[RightDef]:
    """The undecided rights and the rights they name, in catalog (evaluation) order."""
    by_id = {right.id: right for right in evaluator.catalog.rights}
    needed: set[str] = set()
    todo = list(wanted)
    while todo:
        right_id = todo.pop()
        if right_id in needed or right_id not in by_id:
            continue
        needed.add(right_id)
        todo.extend(by_id[right_id].depends_on)
    return [right for right in evaluator.catalog.rights if right.id in needed]
