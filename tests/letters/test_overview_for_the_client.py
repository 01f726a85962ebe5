"""The client's "your rights" overview: only what is still to claim, two pages for a typical
family, translated in French and English, one reference in every language, PDF metadata
set and every font embedded."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date
from typing import Any

import pytest
from builders import family
from pdf_checks import fonts, text
from pypdf import PdfReader

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.cases.records import DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility import situation
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.letters.overview_rights import client_value, reference, rights_to_claim
from sociaalhuis.referrals.partners import load_partners
from sociaalhuis.referrals.referrals import ReferralService
from sociaalhuis.storage.models import Letter

DAY = date(2026, 11, 22)
HERENT = Sender(
    "Sociaal Huis Herent",
    ("Wijgmaalsesteenweg 2", "3020 Herent"),
    "016 85 30 00",
    "sociaalhuis@herent.be",
)
DISABILITY_RIGHTS = (
    "zorgbudget_handicap",
    "parkeerkaart",
    "european_disability_card",
    "integratietegemoetkoming",
    "inkomensvervangende_tegemoetkoming",
)


@pytest.fixture(scope="module")
def catalog():
    return loader.load()


def answered(catalog, about: str, **given: Any) -> dict[str, Any]:
    """A complete intake: every yes/no question answered "no" unless `given` says otherwise."""
    facts: dict[str, Any] = {
        key: False
        for key, fact in catalog.facts.items()
        if not fact.derived and fact.about == about and fact.type == "bool"
    }
    return {**facts, **given}


def typical_family(catalog, **applicant: Any) -> dict[str, Any]:
    """Sarah, Mehmet and Lina (tests/builders.family) after a full intake: one parent works,
    a modest income with the increased reimbursement, a private rental, no disability."""
    adult = {
        "residence_status": "belgian",
        "years_in_flanders": 20,
        "disability_percent": 0,
        "lower_limbs_percent": 0,
        "hearing_loss_db": 0,
        "self_reliance_points": 0,
        "mobility_points": 0,
        "school_level": "none",
        "verhoogde_tegemoetkoming": True,
    }
    child = {**adult, "school_level": "lager", "dependant": True}
    child |= {"zorgtoeslag_points": 0, "zorgtoeslag_p1_points": 0}
    household = answered(
        catalog,
        "household",
        lives_in_herent=True,
        household_income=19000,
        household_income_3y=60000,
        monthly_income=2400,
        gross_monthly_income=2100,
        household_taxable_income=19000,
        tenure="private_rent",
        monthly_rent=850,
        heating_fuel="natural_gas",
        public_transport_usable=True,
    )
    person = answered(catalog, "person")
    return {
        "household": household,
        "members": [
            {"id": "m1", "role": "applicant", "birth_date": "1986-04-02", **person, **adult}
            | {"employment_status": "employed", **applicant},
            {"id": "m2", "role": "partner", "birth_date": "1984-11-23", **person, **adult}
            | {"employment_status": "unemployed"},
            {"id": "m3", "role": "child", "birth_date": "2015-06-09", **person, **child},
        ],
    }


def verdicts(catalog, data: dict[str, Any]):
    return Evaluator(catalog).evaluate(situation.parse(catalog, data), DAY)


@pytest.fixture
def household(db, actor):
    """The builders' family, with the Sociaal Huis's letterhead and the shipped sociale kaart
    (addresses, opening hours, phones) in the database, as at the desk."""
    with db.write() as session:
        admin = ensure_user(session, "beheer", "An Beheerder", "admin")
    load_partners(db, admin)
    LetterheadService(db).update(admin, HERENT, 0)
    return IntakeService(db).save(actor, None, None, family(), [])


def print_overview(db, actor, catalog, household_id, right_ids, language: str):
    service = ReferralService(db, catalog)
    return service.print_overview(
        actor, household_id, right_ids, "Lien Peeters", DAY, language=language
    )


def test_only_rights_still_to_claim(catalog) -> None:
    found = verdicts(catalog, typical_family(catalog, leefloon=True))
    by_id = {v.right.id: v for v in found}
    assert by_id["leefloon"].receives  # the applicant already has a leefloon
    claim = rights_to_claim(found, settled={"uitpas_kansentarief"})
    assert "leefloon" not in claim
    assert "verhoogde_tegemoetkoming" not in claim  # the family already has it
    assert "uitpas_kansentarief" not in claim  # a decision settled it
    assert not set(DISABILITY_RIGHTS) & set(claim)
    assert all(by_id[right_id].verdict in ("eligible", "possibly_eligible") for right_id in claim)
    assert {"pro_deo", "rap_op_stap", "nmbs_kortingkaart_vt"} <= set(claim)


def test_a_typical_family_fits_on_two_pages_in_every_language(
    db, actor, catalog, household
) -> None:
    claim = rights_to_claim(verdicts(catalog, typical_family(catalog)), settled=())
    assert len(claim) >= 12
    references = set()
    for language in ("nl", "fr", "en"):
        letter = print_overview(db, actor, catalog, household.id, claim, language)
        reader = PdfReader(io.BytesIO(letter.pdf))
        assert len(reader.pages) == 2, language
        found = text(letter.pdf)
        references.update(re.findall(r"OV-\d{8}-[0-9A-F]{6}", found))
        with db.read() as session:
            stored = session.get(Letter, letter.id)
            assert stored is not None
            references.add(stored.reference)
    assert len(references) == 1
    assert references.pop().startswith("OV-20261122-")


def test_french_and_english_are_translated(db, actor, catalog, household) -> None:
    claim = ("pro_deo", "uitpas_kansentarief", "maf_sociaal")
    french = text(print_overview(db, actor, catalog, household.id, claim, "fr").pdf)
    english = text(print_overview(db, actor, catalog, household.id, claim, "en").pdf)
    dutch = text(print_overview(db, actor, catalog, household.id, claim, "nl").pdf)
    assert "Aide juridique de deuxième ligne (avocat pro deo)" in french
    assert "carte d'identité avec code PIN" in french
    assert "Un avocat entièrement ou partiellement gratuit" in french
    assert "Second-line legal aid (pro bono lawyer)" in english
    assert "identity card with PIN code" in english
    assert "80% off activities of the UiTPAS partners" in english
    for translated in (french, english):
        assert "Juridische tweedelijnsbijstand (pro-deoadvocaat)" not in translated
        assert "identiteitskaart met pincode" not in translated
    assert "Juridische tweedelijnsbijstand (pro-deoadvocaat)" in dutch
    assert "Dit krijgt u normaal vanzelf" in dutch  # the social MAF comes automatically


def test_settled_and_received_rights_are_left_out(db, actor, catalog, household) -> None:
    decisions = DecisionService(db, catalog)
    decisions.record(actor, household.id, DecisionInput("uitpas_kansentarief", "granted", DAY), "")
    decisions.record(actor, household.id, DecisionInput("rap_op_stap", "referred", DAY), "")
    claim = ("uitpas_kansentarief", "rap_op_stap", "pro_deo")
    found = text(print_overview(db, actor, catalog, household.id, claim, "nl").pdf)
    assert "UiTPAS met kansentarief" not in found
    assert "Rap op Stap" in found  # a referral still leaves it to claim
    assert "Juridische tweedelijnsbijstand" in found


def test_metadata_language_and_embedded_fonts(db, actor, catalog, household) -> None:
    claim = ("pro_deo", "rap_op_stap")
    for language, lang in (("nl", "nl-BE"), ("fr", "fr-BE"), ("en", "en")):
        pdf = print_overview(db, actor, catalog, household.id, claim, language).pdf
        reader = PdfReader(io.BytesIO(pdf))
        info = reader.metadata
        assert info is not None
        assert info.title and info.title != "untitled"
        assert info.author == "Sociaal Huis Herent"
        assert reader.trailer["/Root"]["/Lang"] == lang
        used = fonts(pdf)
        assert used and all(used.values()), used


def test_reference_depends_on_household_date_and_rights_only() -> None:
    one, other = uuid.UUID(int=1), uuid.UUID(int=2)
    base = reference(one, DAY, ("a", "b"))
    assert base == reference(one, DAY, ("b", "a", "a"))
    assert base != reference(other, DAY, ("a", "b"))
    assert base != reference(one, date(2026, 11, 23), ("a", "b"))
    assert base != reference(one, DAY, ("a",))


def test_the_dutch_value_drops_the_workers_sources() -> None:
    note = (
        "Maximaal € 1 per raadpleging voor wie de verhoogde tegemoetkoming heeft (knack.be, "
        "2023); niet verplicht bij huisbezoeken. Oudere bronnen noemen meer."
    )
    assert client_value(note) == (
        "Maximaal € 1 per raadpleging voor wie de verhoogde tegemoetkoming heeft."
    )
    assert client_value("Gratis dienstverlening.") == "Gratis dienstverlening."


def test_where_to_go_comes_from_the_sociale_kaart(db, actor, catalog, household) -> None:
    found = text(print_overview(db, actor, catalog, household.id, ("pro_deo",), "fr").pdf)
    assert "Bureau voor Juridische Bijstand Leuven" in found
    assert "Rijschoolstraat 9, 3000 Leuven" in found
    assert "Heures d’ouverture\u00a0:" in found or "Heures d’ouverture :" in found
