"""The letterhead's optional logo: a PNG or JPEG up to 512 KB is kept and drawn on every
letter; anything else is refused naming the field and the file, and changes nothing."""

from __future__ import annotations

import io
import json
import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from builders import family
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.cli import main
from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import render_referral_letter
from sociaalhuis.letters.award import AwardLetter, render_award_letters
from sociaalhuis.letters.documents import ConsentStatement, Recipient, ReferralLetter, Sender
from sociaalhuis.letters.letterhead import (
    MAX_LOGO_BYTES,
    LetterheadService,
    check_logo,
    read_logo,
)
from sociaalhuis.referrals.referrals import ReferralService
from sociaalhuis.storage.models import AuditEvent

HERENT = Sender("Sociaal Huis Herent", ("Wijgmaalsesteenweg 2", "3020 Herent"), "016 85 30 00")


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (300, 100)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(buffer, kind)
    return buffer.getvalue()


def noisy_png(size: int) -> bytes:
    """A PNG of random pixels: it does not compress, so its file size follows its side."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (size, size), bytes(_random(size * size * 3))).save(buffer, "PNG")
    return buffer.getvalue()


def _random(count: int) -> bytes:
    return random.Random(7).randbytes(count)


@pytest.fixture
def admin(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


def audited_fields(db) -> list[list[str]]:
    with db.read() as session:
        details = session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "letterhead.updated")
            .order_by(AuditEvent.seq)
        ).all()
    return [json.loads(detail)["fields"] for detail in details]


@pytest.mark.parametrize(("kind", "media_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_png_or_jpeg_logo_is_kept_and_audited_by_name_only(db, admin, kind, media_type):
    service = LetterheadService(db)
    first = service.update(admin, HERENT, 0)
    logo = image_bytes(kind)
    saved = service.update(admin, replace(HERENT, logo=logo), first.version)
    assert saved.sender.logo == logo and saved.sender.logo_type == media_type
    assert service.get().sender.logo == logo and service.get().sender.logo_type == media_type
    removed = service.update(admin, HERENT, saved.version)
    assert removed.sender.logo == b"" and service.get().sender.logo_type == ""
    assert audited_fields(db)[1:] == [["logo"], ["logo"]]
    with db.read() as session:
        trail = "".join(session.scalars(select(AuditEvent.detail)))
    assert "PNG" not in trail and "JFIF" not in trail and len(trail) < 2000


def truncated_png() -> bytes:
    whole = image_bytes("PNG", (400, 300))
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("logo", "says"),
    [
        (noisy_png(450), "at most 512 KB"),
        (b"%PDF-1.4 not an image at all", "not a PNG or JPEG"),
        (truncated_png(), "damaged"),
        (image_bytes("GIF"), "GIF image, not a PNG or JPEG"),
        (image_bytes("PNG", (8, 8)), "8 × 8 pixels"),
        (image_bytes("PNG", (900, 100)), "at most 8 times wider"),
    ],
    ids=["too-big", "not-an-image", "truncated-png", "gif", "tiny", "too-wide"],
)
def test_a_bad_logo_is_refused_naming_the_field_and_changes_nothing(db, admin, logo, says):
    service = LetterheadService(db)
    first = service.update(admin, HERENT, 0)
    with pytest.raises(ValidationError) as raised:
        service.update(admin, replace(HERENT, logo=logo), first.version)
    assert raised.value.field == "logo" and says in str(raised.value)
    assert service.get() == first and len(audited_fields(db)) == 1


def test_the_size_limit_is_the_file_size(tmp_path: Path):
    assert len(noisy_png(450)) > MAX_LOGO_BYTES > len(noisy_png(400))
    assert check_logo(noisy_png(400)).width == 400


def test_reading_a_logo_file_names_the_file(tmp_path: Path):
    good = tmp_path / "logo.jpg"
    good.write_bytes(image_bytes("JPEG"))
    assert read_logo(good) == good.read_bytes()
    for name, content in (("leeg.png", b""), ("kapot.png", truncated_png())):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ValidationError) as raised:
            read_logo(path)
        assert raised.value.field == "logo" and str(path) in str(raised.value)
    with pytest.raises(ValidationError, match="cannot be read"):
        read_logo(tmp_path / "bestaat-niet.png")


def test_the_command_line_sets_shows_and_removes_the_logo(db, database_url, capsys, tmp_path):
    url = database_url
    logo, broken = tmp_path / "logo.png", tmp_path / "kapot.png"
    logo.write_bytes(image_bytes("PNG", (320, 96)))
    broken.write_bytes(truncated_png())
    assert main(["--database", url, "letterhead", "show"]) == 0
    assert "logo:         -" in capsys.readouterr().out
    assert main(["--database", url, "letterhead", "set", "--logo", str(logo)]) == 0
    assert "logo:         PNG, 320 × 96 pixels" in capsys.readouterr().out
    assert main(["--database", url, "letterhead", "set", "--logo", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "logo" in err and str(broken) in err and "Traceback" not in err
    assert LetterheadService(db).get().sender.logo == logo.read_bytes()
    assert main(["--database", url, "letterhead", "set", "--no-logo"]) == 0
    assert "logo:         -" in capsys.readouterr().out
    assert LetterheadService(db).get().sender.logo == b""
    with pytest.raises(SystemExit):
        main(["--database", url, "letterhead", "set", "--no-logo", "--logo", str(logo)])


def images_per_page(pdf: bytes) -> list[int]:
    return [len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_letters_draw_the_logo_when_set_and_no_image_without(db, actor, admin):
    household = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [IntakeFact("household_income", "money", Decimal("21400.00"))],
    )
    letterheads = LetterheadService(db)
    first = letterheads.update(admin, HERENT, 0)
    referrals = ReferralService(db, loader.load())

    def overview() -> bytes:
        return referrals.print_overview(
            actor, household.id, ("verhoogde_tegemoetkoming",), "Lien", date(2026, 12, 3)
        ).pdf

    plain = overview()
    assert b"/Subtype /Image" not in plain and set(images_per_page(plain)) == {0}
    letterheads.update(admin, replace(HERENT, logo=image_bytes()), first.version)
    with_logo = overview()
    assert b"/Subtype /Image" in with_logo and images_per_page(with_logo)[0] == 1
    assert "Wijgmaalsesteenweg 2" in PdfReader(io.BytesIO(with_logo)).pages[0].extract_text()


def referral_letter(sender: Sender) -> ReferralLetter:
    consent = ConsentStatement(date(2026, 12, 1), "written", "Lien", "CAW", "budgethulp")
    return ReferralLetter(
        reference="DV-2026-0001",
        date=date(2026, 12, 3),
        sender=sender,
        worker_name="Lien Peeters",
        recipient=Recipient("CAW Oost-Brabant"),
        client_name="Mira Claes",
        client_birth_date=date(1986, 4, 2),
        reason="Budgethulp",
        consent=consent,
    )


def award_letter(sender: Sender) -> AwardLetter:
    return AwardLetter(
        reference="TR-2026-0000ABCD",
        date=date(2026, 12, 3),
        sender=sender,
        client_name="Mira Claes",
        address_lines=("Kerkstraat 12", "3020 Herent"),
        right_name="UiTPAS met kansentarief",
        summary="Korting op vrije tijd.",
        value_note="",
        after_grant="",
        validity="",
        reasons=("verhoogde tegemoetkoming",),
        contact="",
        signed_by="Bart Maes",
    )


@pytest.mark.parametrize(
    ("render", "letters"),
    [
        (lambda sender: render_referral_letter(referral_letter(sender)), 1),
        (lambda sender: render_award_letters([award_letter(sender)] * 2), 2),
    ],
    ids=["referral", "award"],
)
def test_every_kind_of_letter_draws_the_logo_atop_each_letter(render, letters):
    plain, with_logo = render(HERENT), render(replace(HERENT, logo=image_bytes("JPEG")))
    assert b"/Subtype /Image" not in plain and sum(images_per_page(plain)) == 0
    pages = images_per_page(with_logo)
    assert b"/Subtype /Image" in with_logo and pages[0] == 1
    assert sum(pages) == letters  # once per letter, at its top
