"""Letters fit to send: every generated document carries no placeholder and no empty contact
line, a referral letter is signed by the acting user with a way to call back and shows how
to reach the partner, a typical referral fits on one page, and facts beyond a right's
`partner_needs` are shared only with a reason kept with the disclosure."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import ConsentInput, ContactInput
from sociaalhuis.catalog import loader
from sociaalhuis.cli import main
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.letters import Sender, demo, render_client_overview, render_referral_letter
from sociaalhuis.letters.award import AwardLetter, render_award_letters
from sociaalhuis.letters.documents import LANGUAGES
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService, beyond_needs
from sociaalhuis.storage.models import AuditEvent, Referral, User
from tests.builders import family
from tests.catalog_files import RIGHTS

CATALOG = loader.load()
TODAY = date(2026, 11, 22)
PLACEHOLDER = re.compile(r"\[[^\]\n]*\]")
# A contact label with nothing after it, in any letter language.
EMPTY_CONTACT = re.compile(
    r"^\s*(Tel\.|Tél\.|Phone|E-mail|Website|Site web|Openingsuren|Opening hours"
    r"|Heures d’ouverture)\s*:?\s*$",
    re.MULTILINE,
)
LETTERHEAD = Sender(
    organisation="Sociaal Huis Herent",
    address_lines=("Wijgmaalsesteenweg 11", "3020 Herent"),
    phone="016 85 30 60",
    email="sociaalhuis@herent.be",
    website="www.herent.be/sociaal-huis",
    opening_hours="ma-vr 9-12 uur",
)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_fit_to_send(name: str, pdf: bytes) -> None:
    text = "\n".join(pages(pdf))
    assert not PLACEHOLDER.findall(text), f"{name}: placeholder {PLACEHOLDER.findall(text)}"
    assert not EMPTY_CONTACT.findall(text), f"{name}: empty contact line"


@pytest.fixture
def admin(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


@pytest.fixture
def referral_setting(db, actor, admin):
    """A family with the facts of a typical referral, a partner with its contact details,
    the client's consent, the letterhead set and the worker's function title recorded."""
    household = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [
            IntakeFact("household_income", "money", Decimal("21400.00")),
            IntakeFact("tenure", "choice", "private_rent"),
            IntakeFact("leefloon", "bool", False, member=0),
            IntakeFact("leefloon", "bool", False, member=1),
            IntakeFact("payment_difficulties", "bool", True),
        ],
    )
    caw = DirectoryService(db).create_organisation(
        admin,
        OrganisationInput(
            "CAW Oost-Brabant",
            address="Diestsesteenweg 1, 3010 Leuven",
            phone="016 11 22 33",
            website="https://www.caw.be",
            bound_by_professional_secrecy=True,
        ),
    )
    consent = (
        ContactService(db)
        .record(
            actor,
            household.id,
            ContactInput(
                question="Hulp bij energie",
                consents=(ConsentInput("CAW Oost-Brabant", "verhoogde tegemoetkoming"),),
            ),
        )
        .consents[0]
    )
    LetterheadService(db).update(admin, LETTERHEAD, 0)
    with db.write() as session:
        session.get(User, actor.user_id).function_title = "maatschappelijk werker"
    return household, caw, consent


def refer(db, actor, setting, **changes: object):
    household, caw, consent = setting
    fields: dict[str, object] = {
        "shared_facts": ("household_income", "m1.leefloon", "m2.leefloon"),
        "right_id": "verhoogde_tegemoetkoming",
    }
    fields.update(changes)
    data = ReferralInput(caw.id, "Aanvraag verhoogde tegemoetkoming", consent.id, **fields)
    return ReferralService(db, CATALOG).refer(actor, household.id, data, "root", TODAY)


def test_every_generated_document_is_fit_to_send(db, actor, referral_setting, tmp_path) -> None:
    household = referral_setting[0]
    _referral, letter = refer(db, actor, referral_setting)
    documents = {"referral letter": letter.pdf}
    service = ReferralService(db, CATALOG)
    for language in LANGUAGES:
        overview = service.print_overview(
            actor,
            household.id,
            ("verhoogde_tegemoetkoming", "budgetbegeleiding"),
            "Lien Peeters",
            TODAY,
            language=language,
        )
        documents[f"overview {language}"] = overview.pdf
        documents[f"demo referral {language}"] = render_referral_letter(
            demo.referral_letter(language)
        )
        documents[f"demo overview {language}"] = render_client_overview(
            demo.client_overview(language)
        )
    uitpas = CATALOG.right("uitpas_kansentarief")
    for sender in (LETTERHEAD, Sender()):
        documents[f"award letter ({sender.phone or 'no phone'})"] = render_award_letters(
            [
                AwardLetter(
                    reference="TR-2026-0000ABCD",
                    date=TODAY,
                    sender=sender,
                    client_name="Mira Claes",
                    address_lines=("Kerkstraat 12", "3020 Herent"),
                    right_name=uitpas.name,
                    summary=uitpas.summary,
                    value_note=uitpas.value_note,
                    after_grant=uitpas.after_grant,
                    validity=uitpas.validity,
                    reasons=("verhoogde tegemoetkoming",),
                    contact="",
                    signed_by="Bart Maes",
                )
            ]
        )
    for name, pdf in documents.items():
        assert_fit_to_send(name, pdf)
    # The scan itself catches what it is for.
    with pytest.raises(AssertionError, match="placeholder"):
        assert_fit_to_send("probe", render_referral_letter(_with_placeholder()))


def _with_placeholder():
    from dataclasses import replace

    letter = demo.referral_letter("nl")
    return replace(letter, recipient=replace(letter.recipient, address_lines=("[adres]",)))


def test_the_letter_is_signed_by_the_user_with_a_way_to_call_back(
    db, actor, referral_setting
) -> None:
    _referral, letter = refer(db, actor, referral_setting)
    (text,) = pages(letter.pdf)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "root" not in lines
    signature = lines[lines.index("Lien Peeters", lines.index("Met vriendelijke groeten,")) :]
    assert signature[1:5] == [
        "maatschappelijk werker",
        "Sociaal Huis Herent",
        "Tel. 016 85 30 60",
        "E-mail sociaalhuis@herent.be",
    ]
    # Letterhead and partner block: what is recorded, nothing for what is not.
    assert "Wijgmaalsesteenweg 11" in lines and "3020 Herent" in lines
    assert "Website www.herent.be/sociaal-huis" in lines and "Openingsuren ma-vr 9-12 uur" in lines
    for expected in ("Diestsesteenweg 1", "3010 Leuven", "Tel. 016 11 22 33"):
        assert expected in lines
    assert "Website https://www.caw.be" in lines
    assert sum(line.startswith("Openingsuren") for line in lines) == 1  # the letterhead only


def test_a_typical_referral_fits_on_one_page(db, actor, referral_setting) -> None:
    _referral, letter = refer(db, actor, referral_setting)
    assert len(pages(letter.pdf)) == 1


def test_facts_beyond_the_partner_needs_ask_a_reason_kept_with_the_disclosure(
    db, actor, referral_setting
) -> None:
    assert beyond_needs(CATALOG, "verhoogde_tegemoetkoming", ("tenure", "m1.leefloon")) == [
        "tenure"
    ]
    more = ("household_income", "tenure")
    with pytest.raises(ValidationError) as raised:
        refer(db, actor, referral_setting, shared_facts=more)
    assert raised.value.field == "extra_reason" and "tenure" in str(raised.value)
    reason = "de partner helpt ook met de huurachterstand"
    referral, _letter = refer(db, actor, referral_setting, shared_facts=more, extra_reason=reason)
    assert referral.extra_facts_reason == reason
    with db.read() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.detail)).all()
        stored = session.get(Referral, referral.id)
        assert stored is not None and stored.extra_facts_reason == reason
    details = {event.action: json.loads(event.detail) for event in events}
    for action in ("referral.created", "letter.printed"):
        assert details[action]["beyond_needs"] == ["tenure"], action
        assert details[action]["extra_reason_given"] is True, action
    assert details["letter.printed"]["disclosed"] == list(more)
    # Team leads and administrators read the trail: the reason may say more about the client.
    assert not [event.action for event in events if "huurachterstand" in event.detail]


def test_every_right_names_what_its_partner_needs() -> None:
    for right in CATALOG.rights:
        assert 1 <= len(right.partner_needs) <= 8, right.id
        for key in right.partner_needs:
            assert not CATALOG.facts[key].derived, (right.id, key)


def test_the_loader_refuses_unknown_or_derived_partner_needs(make_catalog) -> None:
    def errors(needs: str) -> str:
        rights = RIGHTS.replace(
            "verified_on = 2024-05-01\n", f"verified_on = 2024-05-01\npartner_needs = {needs}\n", 1
        )
        _catalog, problems = loader.check(make_catalog(rights__core_toml=rights), today=TODAY)
        return "\n".join(str(p) for p in problems if p.severity == "error")

    assert errors('["leefloon", "household_income"]') == ""
    assert "'inkomen' is not a known fact" in errors('["inkomen"]')
    assert "'age' is derived" in errors('["age"]')


def test_letters_demo_writes_no_placeholder(tmp_path: Path) -> None:
    from sociaalhuis.letters.commands import _demo

    out, err = io.StringIO(), io.StringIO()
    assert _demo(tmp_path, out, err) == 0
    written = sorted(tmp_path.glob("*.pdf"))
    assert len(written) == 9  # referral letter, overview and award letter in nl, fr, en
    for path in written:
        assert_fit_to_send(path.name, path.read_bytes())


def test_the_workers_own_direct_line_replaces_the_sociaal_huis_number(
    db, actor, admin, referral_setting
) -> None:
    with db.write() as session:
        account = accounts.set_contact(session, admin, "lien", "016 85 30 61", "")
    assert (account.phone, account.email) == ("016 85 30 61", "")
    _referral, letter = refer(db, actor, referral_setting)
    lines = [" ".join(line.split()) for line in pages(letter.pdf)[0].splitlines()]
    signature = lines[lines.index("Lien Peeters", lines.index("Met vriendelijke groeten,")) :]
    assert "Tel. 016 85 30 61" in signature
    assert "Tel. 016 85 30 60" not in signature and "E-mail sociaalhuis@herent.be" not in signature
    with db.write() as session, pytest.raises(ValidationError) as raised:
        accounts.set_contact(session, admin, "lien", "", "geen-adres")
    assert raised.value.field == "email"
    with db.write() as session, pytest.raises(PermissionDenied):
        accounts.set_contact(session, actor, "lien", "0470 00 00 00", "")


def test_the_command_line_sets_direct_contact_and_letterhead_hours(
    db, database_url, actor, capsys
) -> None:
    args = ["--database", database_url]
    assert main([*args, "users", "contact", "lien", "--email", "lien.peeters@herent.be"]) == 0
    assert "e-mail lien.peeters@herent.be" in capsys.readouterr().out
    assert main([*args, "users", "contact", "lien", "--phone", "016 85 30 61"]) == 0
    with db.read() as session:
        user = session.scalars(select(User).where(User.username == "lien")).one()
        assert (user.phone, user.email) == ("016 85 30 61", "lien.peeters@herent.be")
    hours = ["--opening-hours", "ma-vr 9-12 uur", "--website", "www.herent.be"]
    assert main([*args, "letterhead", "set", "--organisation", "Sociaal Huis Herent", *hours]) == 0
    assert "open:         ma-vr 9-12 uur" in capsys.readouterr().out
    sender = LetterheadService(db).get().sender
    assert (sender.website, sender.opening_hours) == ("www.herent.be", "ma-vr 9-12 uur")
    assert main([*args, "letterhead", "set", "--website", "geen adres"]) == 1
    assert "website" in capsys.readouterr().err
