"""The catalog commands of `python -m sociaalhuis`: catalog check/list/test, and check."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.catalog import loader, translations
from sociaalhuis.catalog import review as review_list
from sociaalhuis.catalog.model import Catalog, Problem
from sociaalhuis.catalog.parameters import values_on
from sociaalhuis.eligibility import situation as situations
from sociaalhuis.eligibility import testing
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.explain import explain
from sociaalhuis.errors import ValidationError
from sociaalhuis.locale_format import format_day


def add_parsers(commands: Any) -> None:
    """Register `catalog …` and `check` on the main parser's sub-commands."""
    catalog = commands.add_parser("catalog", help="validate, list or test the rights catalog")
    actions = catalog.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate the catalog; errors exit with 1")
    listing = actions.add_parser("list", help="list the rights")
    listing.add_argument("--format", choices=("json", "text"), default="text")
    test = actions.add_parser("test", help="run the catalog's test cases")
    questions = actions.add_parser(
        "questions",
        help="simulate intakes of demo households: how much of the fact dictionary is asked",
    )
    questions.add_argument("--households", type=_positive, default=200, metavar="N")
    questions.add_argument("--seed", type=int, default=2026)
    questions.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="evaluate as of this date (default: today)"
    )
    review = actions.add_parser(
        "review",
        help="list figures whose validity ends and sources not read for a while, soonest first",
    )
    review.add_argument(
        "--age",
        type=_positive,
        default=365,
        metavar="DAYS",
        help="a source read longer ago is due, and so is a figure ending sooner (default: 365)",
    )
    review.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="review as of this date (default: today)"
    )
    review.add_argument("--format", choices=review_list.FORMATS, default="text")
    for sub in (check, listing, test, questions, review):
        _catalog_option(sub)
    check.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="judge outdated figures as of this date (default: today)",
    )
    situation = commands.add_parser("check", help="evaluate one household (SITUATION.json)")
    situation.add_argument("situation", type=Path, metavar="SITUATION.json")
    situation.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="evaluate as of this date (default: today)"
    )
    situation.add_argument("--format", choices=("json", "text"), default="text")
    _catalog_option(situation)


def _catalog_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalog",
        type=Path,
        metavar="DIR",
        help="catalog folder (default: the catalog shipped in resources/)",
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if args.command == "check":
        return _check_situation(args, out, err)
    action = args.catalog_command
    if action == "check":
        return _catalog_check(args, out, err)
    catalog = _load(args, err)
    if catalog is None:
        return 1
    if action == "list":
        return _catalog_list(catalog, args.format, out)
    if action == "questions":
        return _catalog_questions(catalog, args, out)
    if action == "review":
        return _catalog_review(catalog, args, out)
    return _catalog_test(catalog, out, err)


def _catalog_questions(catalog: Catalog, args: argparse.Namespace, out: TextIO) -> int:
    from sociaalhuis.demo.generator import generate
    from sociaalhuis.eligibility import interview

    on = args.date or date.today()
    started = time.perf_counter()
    households = interview.demo_households(generate(args.households, args.seed, today=on))
    found = interview.measure(catalog, households, on)
    seconds = time.perf_counter() - started
    print(f"askable facts in the dictionary: {found.dictionary}", file=out)
    print(f"demo households simulated:       {found.households} (seed {args.seed}, {on})", file=out)
    print(
        f"share of the dictionary asked:   mean {found.share_mean:.1%}, "
        f"p90 {found.share_p90:.1%}, max {found.share_max:.1%}",
        file=out,
    )
    print(
        f"questions per intake:            mean {found.questions_mean:.1f}, "
        f"p90 {found.questions_p90:.0f}",
        file=out,
    )
    print(f"every verdict settled at the end: {found.settled:.1%} of households", file=out)
    print(f"time:                            {seconds:.1f} s", file=out)
    return 0


def _catalog_review(catalog: Catalog, args: argparse.Namespace, out: TextIO) -> int:
    on = args.date or date.today()
    items = review_list.review(catalog, on, args.age)
    if args.format == "json":
        out.write(review_list.as_json(items))
    elif args.format == "csv":
        out.write(review_list.as_csv(items))
    else:
        out.write(review_list.as_text(items, on, args.age))
    return 0


def _load(args: argparse.Namespace, err: TextIO) -> Catalog | None:
    catalog, problems = loader.check(args.catalog)
    if catalog is None:
        errors = [p for p in problems if p.severity == "error"]
        for problem in errors:
            print(problem, file=err)
        print(
            f"the catalog has {len(errors)} error(s); run 'catalog check' for all findings",
            file=err,
        )
    return catalog


def _catalog_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog, problems = loader.check(args.catalog, today=args.date)
    if catalog is not None:
        for case in catalog.cases:
            try:
                situations.parse(catalog, case.situation)
            except ValidationError as exc:
                problems.append(Problem(case.place, f"case '{case.name}': {exc.message}"))
        for problem in testing.coverage_problems(catalog):
            problems.append(Problem(problem.place, problem.message, "warning"))
        problems.extend(translations.check(catalog))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for problem in sorted(
        problems, key=lambda p: (p.severity != "error", p.place.file, p.place.line)
    ):
        print(problem, file=err if problem.severity == "error" else out)
    if errors:
        print(f"{len(errors)} error(s), {len(warnings)} warning(s)", file=err)
        return 1
    assert catalog is not None
    print(
        f"catalog {catalog.name} {catalog.version}: {len(catalog.rights)} rights, "
        f"{sum(not f.derived for f in catalog.facts.values())} facts, "
        f"{sum(f.derived for f in catalog.facts.values())} derived facts, "
        f"{len(catalog.parameters)} parameters, {len(catalog.cases)} test cases; "
        f"no errors, {len(warnings)} warning(s)",
        file=out,
    )
    return 0


def _catalog_list(catalog: Catalog, form: str, out: TextIO) -> int:
    rights = [
        {
            "id": right.id,
            "name": right.name,
            "level": right.level,
            "provider": right.provider,
            "obtained": right.obtained,
        }
        for right in sorted(catalog.rights, key=lambda r: r.id)
    ]
    if form == "json":
        json.dump(rights, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for right in rights:
            print(
                f"{right['id']:<40} {right['level']:<12} {right['obtained']:<10} {right['name']}",
                file=out,
            )
    return 0


def _catalog_test(catalog: Catalog, out: TextIO, err: TextIO) -> int:
    results = testing.run_all(catalog)
    failed = [result for result in results if not result.passed]
    for result in failed:
        for failure in result.failures:
            print(f"{result.case.place}: case '{result.case.name}': {failure}", file=err)
    gaps = testing.coverage_problems(catalog)
    _print_coverage(testing.coverage(catalog), out)
    for problem in gaps:
        print(problem, file=err)
    checks = sum(len(result.case.expect) for result in results)
    print(
        f"{len(results) - len(failed)}/{len(results)} test cases passed "
        f"({checks} verdicts checked); {len(gaps)} right(s) lacking a case",
        file=out,
    )
    return 1 if failed or gaps else 0


def _print_coverage(counts: dict[str, dict[str, int]], out: TextIO) -> None:
    """A table of test cases per right and verdict; a right lacking one says which."""
    width = max((len(right_id) for right_id in counts), default=5)
    header = "  ".join(testing.VERDICTS)
    print(f"{'right':<{width}}  {header}", file=out)
    for right_id, per_verdict in sorted(counts.items()):
        cells = "  ".join(f"{per_verdict[v]:>{len(v)}}" for v in testing.VERDICTS)
        lacking = [v for v in testing.VERDICTS if not per_verdict[v]]
        note = f"  lacking: {', '.join(lacking)}" if lacking else ""
        print(f"{right_id:<{width}}  {cells}{note}", file=out)


def _check_situation(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog = _load(args, err)
    if catalog is None:
        return 1
    try:
        situation = situations.from_json_file(catalog, args.situation)
    except ValidationError as exc:
        print(f"error: {exc.message}", file=err)
        return 1
    on = args.date or date.today()
    evaluator = Evaluator(catalog)
    verdicts = evaluator.evaluate(situation, on)
    reasons = explain(evaluator, situation, on, verdicts)
    lapsed = {key: value.reason for key, value in values_on(catalog, on).items() if value.reason}
    if args.format == "json":
        rows = [
            {
                "right": v.right.id,
                "verdict": v.verdict,
                "missing_facts": list(v.missing_facts),
                "reasons": reasons[v.right.id],
                "outdated_parameters": list(v.outdated),
                "outdated_reasons": {key: lapsed[key] for key in v.outdated if key in lapsed},
            }
            for v in verdicts
        ]
        json.dump(rows, out, ensure_ascii=False, indent=2, default=_json_default)
        out.write("\n")
        return 0
    titles = {
        "eligible": "RECHT",
        "possibly_eligible": "MOGELIJK RECHT",
        "not_eligible": "GEEN RECHT",
    }
    print(
        f"Beoordeling op {format_day(on, 'nl', 'compact')} met {catalog.name} {catalog.version}",
        file=out,
    )
    for kind in ("eligible", "possibly_eligible", "not_eligible"):
        group = [v for v in verdicts if v.verdict == kind]
        if not group:
            continue
        print(f"\n{titles[kind]} ({len(group)})", file=out)
        for verdict in group:
            marker = " [verouderd cijfer]" if verdict.outdated else ""
            print(f"\n  {verdict.right.name}{marker}", file=out)
            for line in reasons[verdict.right.id]:
                print(f"    - {line}", file=out)
            for key in sorted(verdict.outdated):
                if key in lapsed:
                    label = catalog.parameters[key].label
                    print(f"    - Verouderd cijfer ({label}): {lapsed[key]}", file=out)
    return 0


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
