"""The letterhead: only administrators set it, bad input changes nothing, letters carry it."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from builders import family
from pypdf import PdfReader
from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.cli import main
from sociaalhuis.errors import ConflictError, PermissionDenied, ValidationError
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.referrals.referrals import ReferralService
from sociaalhuis.storage.models import AuditEvent, Letterhead

HERENT = Sender(
    "Sociaal Huis Herent",
    ("Wijgmaalsesteenweg 2", "3020 Herent"),
    "016 85 30 00",
    "sociaalhuis@herent.be",
)


@pytest.fixture
def admin(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_an_administrator_sets_it_and_the_change_is_audited(db, admin):
    service = LetterheadService(db)
    assert service.get().version == 0 and service.get().sender == Sender()
    saved = service.update(admin, HERENT, 0)
    assert saved.sender == HERENT and service.get() == saved
    moved = Sender(HERENT.organisation, ("Nieuwe straat 1", "3020 Herent"), HERENT.phone, "")
    again = service.update(admin, moved, saved.version)
    assert again.sender == moved and again.version > saved.version
    with db.read() as session:
        details = session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "letterhead.updated")
            .order_by(AuditEvent.seq)
        ).all()
    assert [json.loads(detail)["fields"] for detail in details] == [
        ["address_lines", "email", "phone"],  # the default already names Herent
        ["address_lines", "email"],
    ]
    assert _count(db, Letterhead) == 1


@pytest.mark.parametrize("role", ["intake", "social_worker", "team_lead"])
def test_nobody_but_an_administrator_may_change_it(db, role):
    with db.write() as session:
        someone = ensure_user(session, f"user-{role}", "Iemand", role)
    with pytest.raises(PermissionDenied):
        LetterheadService(db).update(someone, HERENT, 0)
    assert _count(db, Letterhead) == 0


def test_a_stale_version_is_refused_and_keeps_the_newer_letterhead(db, admin):
    service = LetterheadService(db)
    first = service.update(admin, HERENT, 0)
    with pytest.raises(ConflictError):
        service.update(admin, Sender("Iets anders"), 0)
    assert service.get() == first


@pytest.mark.parametrize(
    ("sender", "field"),
    [
        (Sender("  "), "organisation"),
        (Sender("x" * 121), "organisation"),
        (Sender("Sociaal Huis", ("a", "b", "c", "d", "e")), "address_lines"),
        (Sender("Sociaal Huis", ("a" * 81,)), "address_lines[0]"),
        (Sender("Sociaal Huis", ("straat\t1",)), "address_lines[0]"),
        (Sender("Sociaal Huis", phone="bel ons"), "phone"),
        (Sender("Sociaal Huis", email="sociaalhuis.herent.be"), "email"),
        (Sender("Sociaal Huis\n= 1+1"), "organisation"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(db, admin, sender, field):
    with pytest.raises(ValidationError) as raised:
        LetterheadService(db).update(admin, sender, 0)
    assert raised.value.field == field
    assert _count(db, Letterhead) == 0
    with db.read() as session:
        assert (
            session.scalar(select(func.count()).where(AuditEvent.action == "letterhead.updated"))
            == 0
        )


def test_letters_printed_afterwards_carry_the_letterhead(db, actor, admin):
    household = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [IntakeFact("household_income", "money", Decimal("21400.00"))],
    )
    LetterheadService(db).update(admin, HERENT, 0)
    letter = ReferralService(db, loader.load()).print_overview(
        actor, household.id, ("verhoogde_tegemoetkoming",), "Lien Peeters", date(2026, 12, 3)
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.pdf)).pages)
    for part in ("Wijgmaalsesteenweg 2", "3020 Herent", "016 85 30 00", "sociaalhuis@herent.be"):
        assert part in text


def test_the_command_line_shows_and_sets_it(db, database_url, capsys):
    url = database_url
    assert main(["--database", url, "letterhead", "show"]) == 0
    assert "not set yet" in capsys.readouterr().out
    assert (
        main(
            [
                "--database",
                url,
                "letterhead",
                "set",
                "--organisation",
                "Sociaal Huis Herent",
                "--address",
                "Wijgmaalsesteenweg 2",
                "--address",
                "3020 Herent",
                "--email",
                "sociaalhuis@herent.be",
            ]
        )
        == 0
    )
    assert "address:      3020 Herent" in capsys.readouterr().out
    assert main(["--database", url, "letterhead", "set", "--email", "geen-adres"]) == 1
    assert "email" in capsys.readouterr().err
    assert LetterheadService(db).get().sender == Sender(
        "Sociaal Huis Herent", ("Wijgmaalsesteenweg 2", "3020 Herent"), "", "sociaalhuis@herent.be"
    )
