"""Reading official status lists in, on SQLite and PostgreSQL: matching, unmatched and
ambiguous lines, refused files, idempotence, provenance, refreshed findings and the team
lead's non-take-up list."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from status_world import HOMELESS, JOZEF, MEHMET, ON, SARAH, TWICE, UNKNOWN, World

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import FactInput
from sociaalhuis.catalog import loader
from sociaalhuis.errors import PermissionDenied
from sociaalhuis.official.importer import import_statuses, provenance
from sociaalhuis.official.statusfile import StatusFileError
from sociaalhuis.review import lists
from sociaalhuis.storage.models import AuditEvent, Fact, HouseholdMember, Person, StatusImport

CATALOG = loader.load()


def _facts(world: World, number: str) -> dict[str, SimpleNamespace]:
    """The person's facts by key, as plain values read in one session."""
    with world.db.read() as session:
        person = session.scalars(select(Person).where(Person.national_number == number)).one()
        facts = session.scalars(select(Fact).where(Fact.person_id == person.id)).all()
        columns = ("id", "value_bool", "value_date", "evidence", "valid_from", "valid_until")
        return {
            fact.key: SimpleNamespace(**{c: getattr(fact, c) for c in columns}) for fact in facts
        }


def _import(world: World, path, **options):
    return import_statuses(world.db, world.lead, path, world.refresher, **options)


def test_each_line_goes_to_its_one_person_with_provenance(world: World) -> None:
    path = world.write(
        f"{JOZEF};VT;2026-01-01;",
        f"{MEHMET[:2]}.{MEHMET[2:4]}.{MEHMET[4:6]}-{MEHMET[6:9]}.{MEHMET[9:]};RIS;15/10/2026;",
        f"{UNKNOWN};VT;2026-01-01;",
        f"{HOMELESS};IGO;2026-01-01;",
        f"{TWICE};VT;2026-01-01;2026-12-31",
    )
    report = _import(world, path)
    assert (report.matched, report.count("created")) == (2, 2)
    assert [(o.line, o.outcome) for o in report.outcomes] == [
        (2, "created"),
        (3, "created"),
        (4, "unmatched"),
        (5, "unmatched"),
        (6, "ambiguous"),
    ]
    assert report.lines_of("unmatched")[0].reason == "no person with this number"
    assert report.lines_of("unmatched")[1].reason == "the person has no household"
    assert report.lines_of("ambiguous")[0].reason == "the person belongs to 2 households"
    assert sorted(report.households) == sorted([world.jozef_home, world.family_home])

    vt = _facts(world, JOZEF)["verhoogde_tegemoetkoming"]
    assert (vt.value_bool, vt.evidence, vt.valid_from, vt.valid_until) == (
        True,
        "official",
        date(2026, 1, 1),
        None,
    )
    mehmet = _facts(world, MEHMET)
    assert mehmet["leefloon"].value_bool is True
    assert mehmet["leefloon"].valid_from == date(2026, 10, 15)
    assert mehmet["leefloon_since"].value_date == date(2026, 10, 15)
    assert "leefloon" not in _facts(world, SARAH)
    # Nobody else got anything: the ambiguous and unmatched persons have no facts.
    assert _facts(world, TWICE) == {} and _facts(world, HOMELESS) == {}

    with world.db.read() as session:
        source, line = provenance(session, vt.id)
        assert (source.id, source.file_date, line) == (report.import_id, date(2026, 12, 1), 2)
        assert source.file_name == "statussen_20261201.csv"
        assert source.imported_by_id == world.lead.user_id
        assert (source.created, source.unmatched, source.ambiguous) == (2, 2, 1)
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("%official_statuses%"))
        ).all()
        actions = sorted((event.action, str(event.entity_id)) for event in events)
        detail = json.loads(next(e for e in events if e.entity_id == world.jozef_home).detail)
    assert actions == sorted(
        [
            ("official_statuses.imported", str(report.import_id)),
            ("household.official_statuses", str(world.jozef_home)),
            ("household.official_statuses", str(world.family_home)),
        ]
    )
    assert detail == {"keys": ["verhoogde_tegemoetkoming"], "status_import": str(report.import_id)}


def test_the_same_file_twice_writes_no_second_fact(world: World) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;2026-12-31", f"{MEHMET};IVT;01/02/2024;")
    first = _import(world, path)
    counts = world.counts()
    version = world.version(world.jozef_home)
    second = _import(world, path)
    assert (second.count("created"), second.count("updated"), second.count("unchanged")) == (
        0,
        0,
        2,
    )
    assert second.households == ()
    assert [p.import_id for p in second.previous] == [first.import_id]
    after = world.counts()
    assert after["facts"] == counts["facts"]
    assert after["status_imports"] == counts["status_imports"] + 1
    assert world.version(world.jozef_home) == version


def test_an_official_line_replaces_what_was_typed_in_and_a_new_period_updates(
    world: World,
) -> None:
    desk = HouseholdService(world.db, world.refresher)
    desk.record_facts(
        world.system,
        world.jozef_home,
        world.version(world.jozef_home),
        [FactInput("verhoogde_tegemoetkoming", "bool", False, person_id=_person_id(world))],
    )
    before = world.version(world.jozef_home)
    report = _import(world, world.write(f"{JOZEF};VT;2026-01-01;"))
    assert report.count("updated") == 1
    assert world.version(world.jozef_home) == before + 1
    fact = _facts(world, JOZEF)["verhoogde_tegemoetkoming"]
    assert (fact.value_bool, fact.evidence) == (True, "official")
    later = _import(world, world.write(f"{JOZEF};VT;2026-01-01;2026-12-31", name="s_20261215.csv"))
    assert later.count("updated") == 1
    assert _facts(world, JOZEF)["verhoogde_tegemoetkoming"].valid_until == date(2026, 12, 31)
    with world.db.read() as session:
        source, _line = provenance(session, fact.id)
        assert source.file_date == date(2026, 12, 15)


def _person_id(world: World):
    with world.db.read() as session:
        return session.scalars(select(Person.id).where(Person.national_number == JOZEF)).one()


def test_a_file_with_bad_lines_is_refused_whole_with_every_line_and_column(
    world: World,
) -> None:
    broken = JOZEF[:-1] + str((int(JOZEF[-1]) + 1) % 10)
    path = world.write(
        f"{JOZEF};VT;2026-01-01;",
        f"{broken};VT;2026-01-01;",
        f"{MEHMET};XX;2026-01-01;",
        f"{MEHMET};VT;2026-13-01;",
        f"{MEHMET};VT;2026-05-01;2026-04-30",
        f"{MEHMET};VT",
        f"{SARAH};VT;;",
    )
    before = world.counts()
    with pytest.raises(StatusFileError) as refused:
        _import(world, path)
    found = [(p.line, p.column) for p in refused.value.problems]
    assert found == [
        (3, "1 (insz)"),
        (4, "2 (statuscode)"),
        (5, "3 (begindatum)"),
        (6, "4 (einddatum)"),
        (7, ""),
        (8, "3 (begindatum)"),
    ]
    assert "check digits" in refused.value.problems[0].message
    assert "'XX'" in refused.value.problems[1].message
    assert refused.value.message.startswith("statussen_20261201.csv, line 3, column 1 (insz)")
    assert world.counts() == before
    assert "verhoogde_tegemoetkoming" not in _facts(world, JOZEF)


@pytest.mark.parametrize(
    ("content", "line", "wanted"),
    [
        ("", 1, "no header line"),
        ("INSZ,statuscode,begindatum,einddatum\n", 1, "separator"),
        ("INSZ;statuscode;begindatum\n", 1, "einddatum"),
    ],
)
def test_a_file_without_its_header_is_refused(world: World, content, line, wanted) -> None:
    path = world.folder / "statussen_20261201.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StatusFileError) as refused:
        _import(world, path)
    assert refused.value.problems[0].line == line
    assert wanted in refused.value.problems[0].message


def test_the_file_date_comes_from_the_name_or_is_given(world: World) -> None:
    undated = world.write(f"{JOZEF};VT;2026-01-01;", name="statussen.csv")
    with pytest.raises(StatusFileError, match="no file date"):
        _import(world, undated)
    report = _import(world, undated, file_date=date(2026, 11, 30))
    assert report.file_date == date(2026, 11, 30)
    dashed = world.write(f"{JOZEF};VT;2026-01-01;", name="ksz-2026-11-28.csv")
    assert _import(world, dashed, dry_run=True).file_date == date(2026, 11, 28)


def test_a_byte_order_mark_windows_lines_and_extra_columns_are_read(world: World) -> None:
    path = world.folder / "statussen_20261201.csv"
    text = f"INSZ;Statuscode;Begindatum;Einddatum;bron\r\n{JOZEF};vt;01/01/2026;;ziekenfonds\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    report = _import(world, path)
    assert report.count("created") == 1
    assert report.ignored_columns == ("bron",)


def test_a_person_and_status_twice_with_other_periods_is_ambiguous(world: World) -> None:
    path = world.write(
        f"{JOZEF};VT;2026-01-01;",
        f"{JOZEF};VT;2026-01-01;",
        f"{MEHMET};VT;2025-01-01;2025-12-31",
        f"{MEHMET};VT;2026-01-01;",
    )
    report = _import(world, path)
    assert [(o.line, o.outcome) for o in report.outcomes] == [
        (2, "created"),
        (3, "duplicate"),
        (4, "ambiguous"),
        (5, "ambiguous"),
    ]
    assert "lines 4, 5" in report.outcomes[2].reason
    assert "verhoogde_tegemoetkoming" not in _facts(world, MEHMET)


def test_a_dry_run_reports_the_same_and_writes_nothing(world: World) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;", f"{UNKNOWN};VT;2026-01-01;")
    before = world.counts()
    preview = _import(world, path, dry_run=True)
    assert world.counts() == before
    assert preview.import_id is None and preview.dry_run
    real = _import(world, path)
    assert [(o.line, o.outcome) for o in preview.outcomes] == [
        (o.line, o.outcome) for o in real.outcomes
    ]
    assert preview.households == real.households


def test_a_newly_eligible_household_appears_in_the_team_leads_list(world: World) -> None:
    def listed() -> set[str]:
        rows = lists.review(world.db, world.lead, CATALOG, "eligible", limit=500, today=ON)
        return {row.right_id for row in rows if row.household_id == world.jozef_home}

    before = listed()
    assert "derdebetalersregeling" not in before
    _import(world, world.write(f"{JOZEF};VT;2026-01-01;"))
    gained = listed() - before
    # Rights that hold for anyone with the verhoogde tegemoetkoming.
    assert {"derdebetalersregeling", "nmbs_kortingkaart_vt", "uitpas_kansentarief"} <= gained


def test_an_ended_status_does_not_count_today(world: World) -> None:
    def listed() -> set[str]:
        rows = lists.review(world.db, world.lead, CATALOG, "eligible", limit=500, today=ON)
        return {row.right_id for row in rows if row.household_id == world.jozef_home}

    before = listed()
    _import(world, world.write(f"{JOZEF};VT;2025-01-01;2025-12-31"))
    assert _facts(world, JOZEF)["verhoogde_tegemoetkoming"].valid_until == date(2025, 12, 31)
    assert listed() == before


@pytest.mark.parametrize("role", ["intake", "social_worker"])
def test_only_team_leads_and_administrators_read_lists_in(world: World, role: str) -> None:
    from sociaalhuis.access.actors import ensure_user

    with world.db.write() as session:
        someone = ensure_user(session, f"user_{role}", "Iemand", role)
    before = world.counts()
    with pytest.raises(PermissionDenied):
        import_statuses(world.db, someone, world.write(f"{JOZEF};VT;2026-01-01;"))
    after = world.counts()
    # A refusal may be audited; nothing else is written.
    assert {k: v for k, v in after.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }


def test_the_person_in_two_households_stays_untouched_in_both(world: World) -> None:
    _import(world, world.write(f"{TWICE};VT;2026-01-01;"))
    with world.db.read() as session:
        person = session.scalars(select(Person.id).where(Person.national_number == TWICE)).one()
        homes = session.scalars(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == person)
        ).all()
        assert len(homes) == 2
        assert session.scalars(select(Fact).where(Fact.person_id == person)).all() == []
        assert session.scalars(select(StatusImport.ambiguous)).one() == 1
