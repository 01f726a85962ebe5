"""Subject-access export (GDPR art. 15): everything stored about a household or a person, as
JSON with the archived letters as PDF files, and a readable Dutch summary (`export_pdf`).

The rows are found by following the subject's keys through the schema, not by a list of
tables: every table with a `household_id` column, the persons who are members, the notes of
the contacts, the rows hanging off the referrals, and the audit events about any of them. So
a table added later is exported without a change here.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.need_to_know import case_worker
from sociaalhuis.access.permissions import OPEN_CLIENT_FILE
from sociaalhuis.cases import national_number
from sociaalhuis.errors import NotFoundError, PermissionDenied, SociaalHuisError
from sociaalhuis.privacy.export_pdf import summary_pdf
from sociaalhuis.privacy.subject import SubjectData
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Base, HouseholdMember, Person

# Technical or derived tables that hold nothing about a person beyond the other tables.
SKIPPED = frozenset(
    {
        "search_terms",
        "anonymisation_permits",
        "sync_outbox",
        "sync_records",
        "sync_received",
        "sync_peers",
        "sync_site",
        "alembic_version",
    }
)
AUDIT_TABLES = ("audit_events", "received_audit_events")
# Roles that may export any household; others only the cases assigned to them. Not `admin`:
# an administrator manages accounts, not client files (docs/ACCESS.md), and may not open one.
EXPORTING_ROLES = frozenset({"team_lead", "system"})
JSON_FILE = "gegevens.json"
PDF_FILE = "overzicht.pdf"
LETTERS_FOLDER = "brieven"


class ExportError(SociaalHuisError):
    """The export cannot be written where asked; nothing was written."""


def households_of(session: Session, person_number: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """The person with this national number and the households they are a member of."""
    number, _ = national_number.normalise("--person", person_number)
    person = session.scalars(select(Person).where(Person.national_number == number)).first()
    if person is None:
        raise NotFoundError("person with national number", "(given)")
    query = select(HouseholdMember.household_id).where(HouseholdMember.person_id == person.id)
    return person.id, list(session.scalars(query))


def collect(session: Session, households: list[uuid.UUID]) -> SubjectData:
    """Every row about `households` and their members, in a stable order."""
    tables = {t.name: t for t in Base.metadata.sorted_tables if t.name not in SKIPPED}
    data = SubjectData(sorted(households), [])
    rows: dict[str, list[Any]] = {}
    if "households" in tables:
        rows["households"] = _rows(session, tables["households"], "id", households)
    for name, table in tables.items():
        if "household_id" in table.c and name not in AUDIT_TABLES:
            rows[name] = _rows(session, table, "household_id", households)
    data.persons = sorted({r.person_id for r in rows.get("household_members", [])})
    rows["persons"] = _rows(session, tables["persons"], "id", data.persons)
    keys = {
        "contact_id": [r.id for r in rows.get("contacts", [])],
        "referral_id": [r.id for r in rows.get("referrals", [])],
    }
    for name, table in tables.items():
        if name in rows or name in AUDIT_TABLES:
            continue
        for column, ids in keys.items():
            if column in table.c:
                rows[name] = _rows(session, table, column, ids)
    subject_ids = {r.id for found in rows.values() for r in found if "id" in r._fields}
    for name in AUDIT_TABLES:
        if name in tables:
            rows[name] = _rows(session, tables[name], "entity_id", sorted(subject_ids))
    for name, found in rows.items():
        data.tables[name] = [_jsonable(name, row._asdict(), data) for row in found]
    _users(session, tables, rows, data)
    return data


def _rows(session: Session, table: Table, column: str, ids: list[uuid.UUID]) -> list[Any]:
    if not ids:
        return []
    query = select(table).where(table.c[column].in_(ids))
    order = [table.c[c] for c in ("created_at", "seq", "id") if c in table.c]
    return list(session.execute(query.order_by(*order)))


def _jsonable(table: str, row: dict[str, Any], data: SubjectData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, bytes):
            if table == "letters" and key == "pdf":
                name = f"{LETTERS_FOLDER}/{row['id']}.pdf"
                data.letter_pdfs[name] = value
                value = name
            else:
                value = base64.b64encode(value).decode("ascii")
        elif isinstance(value, (uuid.UUID, Decimal)):
            value = str(value)
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        out[key] = value
    return out


def _users(
    session: Session, tables: dict[str, Table], rows: dict[str, list[Any]], data: SubjectData
) -> None:
    """The workers the rows name (display name and role), so the export reads without ids."""
    ids: set[uuid.UUID] = set()
    for name, found in rows.items():
        columns = [
            c.name
            for c in tables[name].c
            if any(fk.column.table.name == "users" for fk in c.foreign_keys)
        ]
        ids |= {getattr(r, c) for r in found for c in columns if getattr(r, c) is not None}
    if not ids:
        return
    users = tables["users"]
    query = select(users.c.id, users.c.display_name, users.c.role).where(users.c.id.in_(ids))
    for user_id, name, role in session.execute(query):
        data.users[str(user_id)] = {"display_name": name, "role": role}


def _check_may_export(session: Session, actor: Actor, households: list[uuid.UUID]) -> None:
    if actor.role in EXPORTING_ROLES:
        return
    for household_id in households:
        if case_worker(session, household_id) != actor.user_id:
            raise PermissionDenied(
                f"role {actor.role!r} may not export household {household_id}: only its "
                "case worker or a team lead may"
            )


@dataclass(frozen=True)
class ExportResult:
    """What was written: the folder, the files, and the number of rows per table."""

    folder: Path
    files: tuple[Path, ...]
    counts: dict[str, int]


def export(
    db: Database,
    actor: Actor,
    out: Path,
    *,
    household_id: uuid.UUID | None = None,
    person_number: str | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write the export of one household, or of every household of one person, into the new
    or empty folder `out`; audited as `privacy.exported` per household (who, which tables,
    how many rows; no contents)."""
    authorize(db, actor, OPEN_CLIENT_FILE)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out}: not an empty folder; choose a new one, nothing was written")
    with db.write() as session:
        person_id = None
        if person_number is not None:
            person_id, households = households_of(session, person_number)
        elif household_id is not None:
            households = [household_id]
        else:
            raise ExportError("name a household or a person")
        data = collect(session, households)
        if household_id is not None and not data.tables.get("households"):
            raise NotFoundError("household", household_id)
        _check_may_export(session, actor, households)
        counts = {name: len(found) for name, found in data.tables.items() if found}
        for exported in households:
            audit.record(
                session,
                actor,
                "privacy.exported",
                "household",
                exported,
                by_person=person_id,
                tables=counts,
            )
        document = {
            "format": "sociaalhuis-subject-export/1",
            "exported_on": (today or date.today()).isoformat(),
            "exported_by": actor.username,
            "subject": {
                "households": [str(h) for h in data.households],
                "person": str(person_id) if person_id else None,
            },
            "users": data.users,
            "tables": data.tables,
        }
        pdf = summary_pdf(data, today or date.today())
        return _write(out, document, data, pdf, counts)


def _write(
    out: Path, document: dict[str, Any], data: SubjectData, pdf: bytes, counts: dict[str, int]
) -> ExportResult:
    try:
        (out / LETTERS_FOLDER).mkdir(parents=True, exist_ok=True)
        files = [out / JSON_FILE, out / PDF_FILE]
        files[0].write_text(json.dumps(document, indent=2, ensure_ascii=False), "utf-8")
        files[1].write_bytes(pdf)
        for name, content in data.letter_pdfs.items():
            (out / name).write_bytes(content)
            files.append(out / name)
    except OSError as exc:
        raise ExportError(f"{out}: cannot be written ({exc.strerror})") from None
    return ExportResult(out, tuple(files), counts)
