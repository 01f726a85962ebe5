"""A simulated intake: ask the questions that matter, one at a time, until every verdict is
settled or nothing useful is left to ask; measures how much of the fact dictionary an intake
needs (`python -m sociaalhuis catalog questions`).

The simulated client answers from the demo household's recorded facts. For a fact the demo
does not hold, the client answers "no" to a yes/no question (most clients have none of a given
status), "Belg" for nationality, a twelfth of the yearly income as monthly income and the same
income three years ago, and otherwise does not know (the question counts as asked and is not
asked again).
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import POSSIBLY, Evaluator
from sociaalhuis.eligibility.questions import FACTS_OF_THE_MEMBER_GRID, open_questions
from sociaalhuis.eligibility.situation import Situation, address_facts

Truth = dict[str, Any]  # engine name (`m2.leefloon`, `tenure`) → value


@dataclass(frozen=True)
class Interview:
    """What one simulated intake asked, and whether every verdict was settled at the end."""

    asked: tuple[str, ...]  # engine names, in the order asked
    settled: bool

    @property
    def keys(self) -> set[str]:
        return {name.rpartition(".")[2] for name in self.asked}


def askable(catalog: Catalog) -> list[str]:
    """The dictionary's facts an intake can ask (not derived, not in the member grid)."""
    return [
        key
        for key, fact in catalog.facts.items()
        if not fact.derived and key not in FACTS_OF_THE_MEMBER_GRID
    ]


def simulate(evaluator: Evaluator, start: Situation, truth: Truth, on: date) -> Interview:
    """Ask the top open question, take the client's answer, and again, until nothing is left."""
    situation = start
    asked: list[str] = []
    skipped: set[str] = set()
    while True:
        verdicts = evaluator.evaluate(situation, on)
        questions = [
            q for q in open_questions(evaluator, situation, on, verdicts) if q.name not in skipped
        ]
        if not questions:
            settled = all(v.verdict != POSSIBLY for v in verdicts)
            return Interview(tuple(asked), settled)
        name = questions[0].name
        asked.append(name)
        answer = _answer(evaluator.catalog, truth, name)
        if answer is None:
            skipped.add(name)
        else:
            situation = situation.with_fact(name, answer)


def _answer(catalog: Catalog, truth: Truth, name: str) -> Any:
    if name in truth:
        return truth[name]
    key = name.rpartition(".")[2]
    fact = catalog.facts[key]
    if fact.type == "bool":
        return False
    if key == "residence_status":
        return "belgian"
    income = truth.get("household_income")
    if key == "monthly_income" and income is not None:
        return (income / 12).quantize(Decimal("0.01"))
    if key == "household_income_3y":
        return income
    return None


def demo_households(rows: Any) -> list[tuple[Situation, Truth]]:
    """From demo rows: each household's start (members, roles, birth dates, address) and truth."""
    persons = {p["id"]: p for p in rows.persons}
    members: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for member in rows.members:
        members[member["household_id"]].append(member)
    facts: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for fact in rows.facts:
        facts[fact["household_id"]].append(fact)
    found = []
    for household in rows.households:
        ordered = sorted(members[household["id"]], key=lambda m: m["position"])
        local = {m["person_id"]: f"m{i}" for i, m in enumerate(ordered, start=1)}
        people = []
        for member in ordered:
            facts_of: dict[str, Any] = {"role": member["role"]}
            birth = persons[member["person_id"]]["birth_date"]
            if birth is not None:
                facts_of["birth_date"] = birth
            people.append((local[member["person_id"]], facts_of))
        start = Situation(address_facts(household["street"], household["postcode"]), tuple(people))
        truth: Truth = {}
        for fact in facts[household["id"]]:
            name = (
                fact["key"]
                if fact["person_id"] is None
                else f"{local[fact['person_id']]}.{fact['key']}"
            )
            truth[name] = _value(fact)
        found.append((start, truth))
    return found


def _value(row: dict[str, Any]) -> Any:
    for column in ("value_bool", "value_number", "value_date", "value_text"):
        if row[column] is not None:
            return row[column]
    return None


@dataclass(frozen=True)
class Measurement:
    households: int
    dictionary: int
    share_mean: float
    share_p90: float
    share_max: float
    questions_mean: float
    questions_p90: float
    settled: float  # share of households with every verdict settled


def measure(catalog: Catalog, households: list[tuple[Situation, Truth]], on: date) -> Measurement:
    """Simulate every household's intake and summarise how much was asked."""
    evaluator = Evaluator(catalog)
    dictionary = len(askable(catalog))
    shares: list[float] = []
    counts: list[int] = []
    settled = 0
    for start, truth in households:
        interview = simulate(evaluator, start, truth, on)
        shares.append(len(interview.keys) / dictionary)
        counts.append(len(interview.asked))
        settled += interview.settled
    return Measurement(
        len(households),
        dictionary,
        statistics.fmean(shares),
        _p90(shares),
        max(shares),
        statistics.fmean(counts),
        _p90([float(c) for c in counts]),
        settled / len(households),
    )


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
