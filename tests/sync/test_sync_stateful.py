"""A Hypothesis state machine over real databases: a central and two antennepost laptops
editing, deleting, syncing, cut off mid-sync and re-delivering. After every step nothing is
lost and no version goes back; at the end, with every conflict settled and a full sync, every
site holds the same content for its caseload. Figures: docs/RELIABILITY.md."""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from sociaalhuis.access.accounts import ensure_user
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Person, SyncReceived
from sociaalhuis.sync import conflicts, outbox, site, snapshot
from sociaalhuis.sync.receive import receive
from sociaalhuis.sync.transport import set_laptop_users, sync_direct
from tests.sync.db_sites import add_fact, chains_intact, content, new_case

FIGURES: Counter[str] = Counter()


class Crash(Exception):
    """The program dying mid-transaction."""


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Migrated database files copied for every example (migrating takes a second)."""
    folder = tmp_path_factory.mktemp("templates")
    central = Database.open(f"sqlite:///{(folder / 'central.db').as_posix()}", create=True)
    with central.write() as session:
        lien = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    household = new_case(central, lien)
    facts = [add_fact(central, lien, household, f"income_{n}", "1000") for n in range(3)]
    central.close()
    Database.open(f"sqlite:///{(folder / 'empty.db').as_posix()}", create=True).close()
    TEMPLATE.update(lien=lien, household=household, facts=facts)
    return {"central": folder / "central.db", "empty": folder / "empty.db"}


TEMPLATE: dict = {}


class Antennepost(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        folder = Path(FOLDER["path"]) / uuid.uuid4().hex
        folder.mkdir()
        shutil.copy(FOLDER["central"], folder / "central.db")
        self.central = Database.open(f"sqlite:///{(folder / 'central.db').as_posix()}")
        self.actor = TEMPLATE["lien"]
        self.household = TEMPLATE["household"]
        self.facts = list(TEMPLATE["facts"])
        self.laptops: list[Database] = []
        for number in range(2):
            shutil.copy(FOLDER["empty"], folder / f"laptop{number}.db")
            laptop = Database.open(f"sqlite:///{(folder / f'laptop{number}.db').as_posix()}")
            with laptop.write() as session:
                laptop_site = site.become_laptop(session, f"laptop {number}").site_id
            with self.central.write() as session:
                set_laptop_users(session, laptop_site, [self.actor.user_id], "")
            sync_direct(laptop, self.central)
            self.laptops.append(laptop)
        with self.central.read() as session:
            self.people = list(session.scalars(select(Person.id)))
        self.delivered: set[str] = set()
        self.deleted: set[uuid.UUID] = set()
        self.settled: set[str] = set()
        self.gone: set[tuple[int, uuid.UUID]] = set()
        self.versions: dict[tuple[int, str, uuid.UUID], int] = {}

    def _all(self) -> list[Database]:
        return [self.central, *self.laptops]

    @rule(where=st.integers(0, 2), who=st.integers(0, 2), phone=st.sampled_from(["1", "2", "3"]))
    def edit_phone(self, where, who, phone):
        db = self._all()[where]
        with db.write() as session:
            person = session.get(Person, self.people[who])
            if person is not None:
                person.phone = phone

    @rule(where=st.integers(0, 2), which=st.integers(0, 2), amount=st.integers(900, 905))
    def edit_income(self, where, which, amount):
        db = self._all()[where]
        with db.write() as session:
            fact = session.get(Fact, self.facts[which])
            if fact is not None:
                fact.value_number = Decimal(amount)

    @rule(where=st.integers(0, 2), which=st.integers(0, 2))
    def delete_fact(self, where, which):
        db = self._all()[where]
        with db.write() as session:
            fact = session.get(Fact, self.facts[which])
            if fact is not None and not conflicts.household_conflicts(session, self.household):
                session.delete(fact)
                self.deleted.add(fact.id)

    @rule(laptop=st.integers(0, 1), amount=st.integers(1, 9))
    def new_fact(self, laptop, amount):
        self.facts.append(
            add_fact(self.laptops[laptop], self.actor, self.household, "extra", str(amount))
        )

    @rule(laptop=st.integers(0, 1))
    def sync(self, laptop):
        summary = sync_direct(self.laptops[laptop], self.central)
        FIGURES["syncs"] += 1
        FIGURES["conflicts surfaced"] += len(summary.received.new_conflicts)
        self._delivered(laptop)

    @rule(laptop=st.integers(0, 1), cut=st.floats(0, 1))
    def sync_cut_before_the_snapshot(self, laptop, cut):
        """The line drops after the central committed part of the delivery (batches commit
        separately), or all of it; the snapshot never comes back."""
        with self.laptops[laptop].read() as session:
            changes = outbox.changes(session)
            here = site.current(session)
        part = changes[: int(len(changes) * cut)]
        with self.central.write() as session:
            receive(session, part, sender=here.site_id, sender_epoch=here.epoch)
        FIGURES["cut transfers"] += 1
        self.delivered |= {c.change_id for c in part}

    @rule(laptop=st.integers(0, 1), picks=st.lists(st.booleans(), max_size=40))
    def deliver_a_random_part(self, laptop, picks):
        """Some batches lost, others arrive: a change without its predecessor waits."""
        with self.laptops[laptop].read() as session:
            changes = outbox.changes(session)
            here = site.current(session)
        part = [c for c, keep in zip(changes, picks, strict=False) if keep]
        with self.central.write() as session:
            report = receive(session, part, sender=here.site_id, sender_epoch=here.epoch)
        FIGURES["partial deliveries"] += 1
        FIGURES["changes left waiting"] += report.pending
        self.delivered |= {c.change_id for c in part}

    @rule(laptop=st.integers(0, 1), side=st.sampled_from(["central", "laptop"]))
    def crash_mid_sync(self, laptop, side):
        """The program dies while a delivery or a snapshot is being written: the transaction
        never commits, so nothing of it is there afterwards."""
        with self.laptops[laptop].read() as session:
            changes = outbox.changes(session)
            here = site.current(session)
        before = content(self.central), content(self.laptops[laptop])
        try:
            if side == "central":
                with self.central.write() as session:
                    receive(session, changes, sender=here.site_id, sender_epoch=here.epoch)
                    raise Crash
            with self.central.read() as session:
                share = snapshot.build(session, here.site_id)
            with self.laptops[laptop].write() as session:
                snapshot.take(session, share)
                raise Crash
        except Crash:
            FIGURES["crashes mid-sync"] += 1
        assert (content(self.central), content(self.laptops[laptop])) == before

    @rule(laptop=st.integers(0, 1))
    def deliver_everything_again(self, laptop):
        with self.laptops[laptop].read() as session:
            changes = list(reversed(outbox.changes(session)))  # and in reverse order
            here = site.current(session)
        with self.central.write() as session:
            receive(session, changes, sender=here.site_id, sender_epoch=here.epoch)
        FIGURES["repeated, reversed deliveries"] += 1
        self.delivered |= {c.change_id for c in changes}

    @rule()
    def settle_everything(self):
        """A worker takes the other site's version of every record in conflict."""
        with self.central.write() as session:
            settled = set()
            for conflict in conflicts.open_conflicts(session):
                if (conflict.table, conflict.record_id) in settled:
                    continue  # one settlement closes every conflict of the record
                settled.add((conflict.table, conflict.record_id))
                self.settled.add(conflict.record_id)
                conflicts.settle(
                    session,
                    self.actor,
                    conflict.table,
                    conflict.record_id,
                    conflict.theirs.fields,
                    deleted=conflict.theirs.deleted,
                )
                FIGURES["conflicts settled"] += 1

    def _delivered(self, laptop):
        with self.laptops[laptop].read() as session:
            self.delivered |= {c.change_id for c in outbox.changes(session)}

    @invariant()
    def nothing_delivered_is_lost_and_versions_never_go_back(self):
        with self.central.read() as session:
            received = {str(row.id): row.status for row in session.scalars(select(SyncReceived))}
            # Every change delivered is applied, or waits for its predecessor (a cut
            # delivery); one that did not win is kept in an open conflict, never dropped.
            assert self.delivered <= set(received)
            FIGURES["most changes received"] = max(FIGURES["most changes received"], len(received))
            in_conflict = {c.record_id for c in conflicts.open_conflicts(session)}
        for number, db in enumerate(self._all()):
            with db.read() as session:
                for model in (Person, Fact):
                    for obj in session.scalars(select(model)):
                        key = (number, model.__tablename__, obj.id)
                        assert obj.version >= self.versions.get(key, 0)
                        self.versions[key] = obj.version
        # A deleted record that was gone from a site is back there only with an open
        # conflict or a worker's settlement.
        for number, db in enumerate(self._all()):
            with db.read() as session:
                for fact_id in self.deleted:
                    if session.get(Fact, fact_id) is None:
                        self.gone.add((number, fact_id))
                    elif (number, fact_id) in self.gone:
                        assert str(fact_id) in in_conflict | self.settled
                        FIGURES["deleted records back through a conflict"] += 1

    def teardown(self):
        try:
            # Full sync and settlement: everything in step everywhere.
            for _ in range(2):
                for laptop in range(2):
                    sync_direct(self.laptops[laptop], self.central)
                self.settle_everything()
            for laptop in range(2):
                sync_direct(self.laptops[laptop], self.central)
            with self.central.read() as session:
                assert conflicts.conflict_count(session) == 0
                waiting = select(SyncReceived).where(SyncReceived.status == "pending")
                assert session.scalars(waiting).first() is None
            expected = content(self.central)
            for laptop in self.laptops:
                assert content(laptop) == expected
            assert chains_intact(*self._all())
            FIGURES["examples"] += 1
            with self.central.read() as session:
                status = {str(r.id): r.status for r in session.scalars(select(SyncReceived))}
            for laptop in self.laptops:
                with laptop.read() as session:
                    made = [c.change_id for c in outbox.changes(session)]
                FIGURES["changes made on laptops"] += len(made)
                lost = [cid for cid in made if status.get(cid) != "applied"]
                FIGURES["changes lost"] += len(lost)
                assert not lost
        finally:
            for db in self._all():
                db.close()


FOLDER: dict = {}


@pytest.fixture
def machine_folder(templates, tmp_path):
    FOLDER.update(path=tmp_path, central=templates["central"], empty=templates["empty"])
    yield
    print(f"\nsync state machine: {dict(FIGURES)}")


def test_two_laptops_and_a_central_never_lose_a_change(machine_folder):
    Antennepost.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    Antennepost.TestCase().runTest()
