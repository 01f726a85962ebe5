"""Run the catalog's own test cases: each situation, on its date, must give the expected
verdicts (and, where a case lists them, exactly the expected open questions)."""

from __future__ import annotations

from dataclasses import dataclass

from sociaalhuis.catalog.model import Catalog, Problem, TestCase
from sociaalhuis.eligibility import situation as situations
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import ValidationError

VERDICTS = ("eligible", "not_eligible", "possibly_eligible")  # the order of the coverage table


@dataclass(frozen=True)
class CaseResult:
    case: TestCase
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def run_case(evaluator: Evaluator, case: TestCase) -> CaseResult:
    try:
        situation = situations.parse(evaluator.catalog, case.situation)
    except ValidationError as exc:
        return CaseResult(case, (f"situation: {exc.message}",))
    verdicts = {v.right.id: v for v in evaluator.evaluate(situation, case.on)}
    failures = []
    for right_id, expected in case.expect.items():
        verdict = verdicts.get(right_id)
        if verdict is None:
            failures.append(f"{right_id}: no such right")
        elif verdict.verdict != expected:
            open_questions = ", ".join(verdict.missing_facts) or "none"
            failures.append(
                f"{right_id}: expected {expected}, got {verdict.verdict} "
                f"(open questions: {open_questions})"
            )
    for right_id, expected_missing in case.missing.items():
        verdict = verdicts.get(right_id)
        if verdict is not None and sorted(verdict.missing_facts) != expected_missing:
            failures.append(
                f"{right_id}: expected open questions {expected_missing}, got "
                f"{sorted(verdict.missing_facts)}"
            )
    return CaseResult(case, tuple(failures))


def run_all(catalog: Catalog) -> list[CaseResult]:
    evaluator = Evaluator(catalog)
    return [run_case(evaluator, case) for case in catalog.cases]


def coverage(catalog: Catalog) -> dict[str, dict[str, int]]:
    """Per right id: how many test cases expect each verdict."""
    counts = {right.id: dict.fromkeys(VERDICTS, 0) for right in catalog.rights}
    for case in catalog.cases:
        for right_id, verdict in case.expect.items():
            if right_id in counts:
                counts[right_id][verdict] += 1
    return counts


def coverage_problems(catalog: Catalog) -> list[Problem]:
    """Rights lacking an eligible, a not-eligible or a possibly-eligible test case."""
    counts = coverage(catalog)
    problems = []
    for right in catalog.rights:
        lacking = [verdict for verdict in VERDICTS if not counts[right.id][verdict]]
        if lacking:
            problems.append(
                Problem(
                    right.place, f"right {right.id}: no test case expecting {', '.join(lacking)}"
                )
            )
    return problems
