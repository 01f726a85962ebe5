"""Partner replies from a file: a CSV with our letter reference, the outcome, the date and a
reason (layout in docs/REFERRAL-REPLIES.md).

A malformed file (missing columns, an unknown outcome, a bad date, a declined line without a
reason) changes nothing and is refused with every problem named by line and column. Lines of
a well-formed file are reported one by one: matched, unknown reference, or already recorded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import FOLLOW_UP_REFERRAL
from sociaalhuis.errors import SociaalHuisError, ValidationError
from sociaalhuis.referrals.replies import AlreadyRecorded, ReplyInput, apply_reply, check_date
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Referral, ReplyImport

COLUMNS = ("reference", "outcome", "date", "reason")
# What partners write in the outcome column, besides our own keys.
OUTCOME_WORDS = {
    "accepted": "accepted",
    "aanvaard": "accepted",
    "aanvaarding": "accepted",
    "declined": "declined",
    "geweigerd": "declined",
    "weigering": "declined",
    "no_show": "no_show",
    "no-show": "no_show",
    "niet gekomen": "no_show",
    "niet_gekomen": "no_show",
    "helped": "helped",
    "geholpen": "helped",
}
# Dutch column names a partner's spreadsheet may carry.
HEADER_WORDS = {
    "referentie": "reference",
    "uitkomst": "outcome",
    "antwoord": "outcome",
    "datum": "date",
    "reden": "reason",
}
MAX_BYTES = 5_000_000
SHOWN_PROBLEMS = 20


class ReplyFileError(SociaalHuisError):
    """A file that is not taken in at all; `problems` name each line and column."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        first = problems[0] if problems else "unreadable"
        message = first if len(problems) == 1 else f"{path}: {len(problems)} problem(s)"
        super().__init__(message)
        self.path = path
        self.problems = problems


@dataclass(frozen=True)
class LineResult:
    line: int
    reference: str
    result: str  # matched, unknown, already_recorded
    detail: str = ""


@dataclass(frozen=True)
class ImportReport:
    file: Path
    import_id: uuid.UUID | None
    lines: list[LineResult] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for line in self.lines if line.result == result)


@dataclass(frozen=True)
class _Line:
    line: int
    reference: str
    outcome: str
    replied_on: date
    reason: str


def import_replies(
    db: Database, actor: Actor, path: Path, today: date | None = None
) -> ImportReport:
    """Read and check the whole file, then record every matched line in one unit of work;
    ReplyFileError, with nothing changed, when the file is malformed."""
    authorize(db, actor, FOLLOW_UP_REFERRAL)
    when = today or date.today()
    raw = _read(path)
    lines = parse(path, raw, when)
    results: list[LineResult] = []
    with db.write() as session:
        batch = ReplyImport(
            file_name=path.name[:260],
            sha256=hashlib.sha256(raw).hexdigest(),
            lines=len(lines),
            imported_by_id=actor.user_id,
        )
        session.add(batch)
        session.flush()
        problems: list[str] = []
        for item in lines:
            referral = session.scalar(select(Referral).where(Referral.reference == item.reference))
            if referral is None:
                results.append(LineResult(item.line, item.reference, "unknown"))
                continue
            try:
                check_date(referral, item.replied_on, when)
            except ValidationError as exc:
                problems.append(f"{path}: line {item.line}, column date: {exc.reason}")
                continue
            try:
                apply_reply(
                    session,
                    actor,
                    referral,
                    ReplyInput(item.outcome, item.replied_on, item.reason),
                    when,
                    via="import",
                    import_id=batch.id,
                )
            except AlreadyRecorded as exc:
                results.append(
                    LineResult(item.line, item.reference, "already_recorded", exc.reason)
                )
                continue
            except ValidationError as exc:
                problems.append(f"{path}: line {item.line}, reference {item.reference}: {exc}")
                continue
            results.append(LineResult(item.line, item.reference, "matched", item.outcome))
        if problems:
            # Raised inside the unit of work: the replies recorded so far roll back.
            raise ReplyFileError(path, problems)
        return ImportReport(path, batch.id, results)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ReplyFileError(path, [f"{path}: larger than {MAX_BYTES:,} bytes"])
        return path.read_bytes()
    except OSError as exc:
        raise ReplyFileError(path, [f"{path}: cannot be read ({exc.strerror})"]) from None


def parse(path: Path, raw: bytes, today: date) -> list[_Line]:
    """The file's lines, checked; ReplyFileError naming every problem by line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReplyFileError(
            path, [f"{path}: not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8"]
        ) from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ReplyFileError(path, [f"{path}: empty; the first line names the columns"])
    header = [_column(cell) for cell in rows[0]]
    missing = [name for name in COLUMNS[:3] if name not in header]
    if missing:
        raise ReplyFileError(
            path,
            [f"{path}: line 1: missing column(s) {', '.join(missing)} (need {', '.join(COLUMNS)})"],
        )
    where = {name: header.index(name) for name in COLUMNS if name in header}
    problems: list[str] = []
    lines: list[_Line] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = where.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        def problem(name: str, message: str, number: int = number) -> None:
            problems.append(f"{path}: line {number}, column {where[name] + 1} ({name}): {message}")

        reference = cell("reference")
        if not reference:
            problem("reference", "empty; give the reference printed on our letter")
        word = cell("outcome")
        outcome = OUTCOME_WORDS.get(word.casefold())
        if outcome is None:
            problem(
                "outcome",
                f"{word!r} is not an outcome (accepted, declined, no_show, helped)",
            )
        replied_on = _date(cell("date"))
        if replied_on is None:
            problem("date", f"{cell('date')!r} is not a date (2026-12-03 or 03/12/2026)")
        elif replied_on > today:
            problem("date", f"{replied_on.isoformat()} lies in the future")
        reason = cell("reason")
        if outcome == "declined" and not reason:
            if "reason" in where:
                problem("reason", "required when the partner declined")
            else:
                problems.append(f"{path}: line {number}: a declined line needs a reason column")
        if outcome is not None and replied_on is not None and reference:
            lines.append(_Line(number, reference, outcome, replied_on, reason))
    if problems:
        raise ReplyFileError(path, problems)
    return lines


def _column(cell: str) -> str:
    name = cell.strip().casefold()
    return HEADER_WORDS.get(name, name)


def _date(text: str) -> date | None:
    for layout in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None
