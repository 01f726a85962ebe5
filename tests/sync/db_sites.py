"""A central database and antennepost laptops made the way a municipality sets them up: the
laptop starts empty, becomes a laptop, gets its accounts set at the central, and takes its
caseload with its first sync."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from sociaalhuis.access.actors import Actor
from sociaalhuis.access.chain import verify
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Household, HouseholdMember, Person
from sociaalhuis.sync import site
from sociaalhuis.sync.outbox import to_json
from sociaalhuis.sync.transport import set_laptop_users, sync_direct
from sociaalhuis.sync.values import NOT_MERGED, table_of
from tests.builders import family, single

CONTENT_TABLES = ("households", "persons", "household_members", "facts", "contacts")


def new_laptop(tmp_path: Path, central: Database, users: list[Actor], name: str) -> Database:
    """An empty laptop database, known to the central with the accounts it serves, synced once."""
    laptop = Database.open(f"sqlite:///{(tmp_path / f'{name}.db').as_posix()}", create=True)
    with laptop.write() as session:
        laptop_site = site.become_laptop(session, name).site_id
    with central.write() as session:
        set_laptop_users(session, laptop_site, [user.user_id for user in users], name)
    sync_direct(laptop, central)
    return laptop


def new_case(db: Database, actor: Actor, which: str = "family") -> uuid.UUID:
    data = family() if which == "family" else single()
    return HouseholdService(db).create(actor, data).id


def person_of(db: Database, household_id: uuid.UUID, given: str) -> uuid.UUID:
    with db.read() as session:
        query = (
            select(Person.id)
            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
            .where(HouseholdMember.household_id == household_id, Person.given_name == given)
        )
        return session.scalars(query).one()


def edit(db: Database, model: type, record_id: uuid.UUID, **values: object) -> None:
    with db.write() as session:
        obj = session.get(model, record_id)
        for name, value in values.items():
            setattr(obj, name, value)


def add_fact(
    db: Database, actor: Actor, household_id: uuid.UUID, key: str, amount: str
) -> uuid.UUID:
    with db.write() as session:
        fact = Fact(
            household_id=household_id,
            key=key,
            kind="money",
            value_number=Decimal(amount),
            evidence="statement",
            recorded_by_id=actor.user_id,
        )
        session.add(fact)
        session.flush()
        return fact.id


def content(db: Database, households: list[uuid.UUID] | None = None) -> dict:
    """The case content a worker sees, as comparable values: per table, id -> fields."""
    found: dict = {}
    with db.read() as session:
        connection = session.connection()
        for name in CONTENT_TABLES:
            table = table_of(name)
            rows = {}
            for row in connection.execute(select(table)).mappings():
                if households is not None:
                    owner = row["id"] if name == "households" else row.get("household_id")
                    if name == "persons":
                        owner = None
                    if owner is not None and owner not in households:
                        continue
                rows[str(row["id"])] = {
                    k: to_json(v) for k, v in row.items() if k not in NOT_MERGED
                }
            found[name] = rows
    return found


def chains_intact(*dbs: Database) -> bool:
    """`audit verify` on each database: its own chain and every chain received from a laptop."""
    return all(verify(db).sound for db in dbs)


def household_ids(db: Database) -> set[uuid.UUID]:
    with db.read() as session:
        return set(session.scalars(select(Household.id)))
