"""A fictitious household's referral letter, rights overview and award letter, in nl, fr
and en, to look at every kind of letter.

All people are invented; their names are chosen to need Polish, Vietnamese, Serbian
Cyrillic and Arabic glyphs (the partner's name is typed in Arabic script, so the overview
and the award letter address it). The rights come from the shipped catalog; the sender and
the partner with their contact details from the shipped sociale kaart.
"""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from functools import cache
from typing import Any

from sociaalhuis.catalog import loader, translations
from sociaalhuis.letters.award import AwardLetter
from sociaalhuis.letters.documents import (
    ClientOverview,
    ConsentStatement,
    Recipient,
    ReferralLetter,
    Sender,
)
from sociaalhuis.letters.overview_rights import client_value, overview_rights, reference
from sociaalhuis.letters.texts import load
from sociaalhuis.resources import resource_path

DAY = date(2026, 11, 22)
DEMO_HOUSEHOLD = uuid.UUID(int=42)
CLIENT = "Aleksandra Wiśniewska"
PARTNER_NAME = "يوسف العلوي"  # Youssef El Alaoui, typed in Arabic script
SON = "محمد العلوي"
ADDRESS = ("Kerkstraat 12", "3020 Herent")
AWARDED = "uitpas_kansentarief"
WORKER = "Thi Lan Nguyễn"
WORKER_TITLE = "maatschappelijk werker"
SOCIAAL_HUIS = "Sociaal Huis Herent (OCMW Herent)"
PARTNER = "CAW Oost-Brabant"
RIGHTS = (
    "verhoogde_tegemoetkoming",
    "sociaal_tarief_energie",
    "vlaamse_huurpremie",
    "budgetbegeleiding",
    "rap_op_stap",
)

# Per language: the recipient's service, the reason, the shared facts, the consent's
# purpose and a longer note. The referral letter goes to a Dutch-speaking partner; the
# French and English versions show the letter texts in those languages.
CONTENT = {
    "nl": {
        "household": f"{CLIENT} en {PARTNER_NAME}",
        "after_grant": "Haal uw UiTPAS met kansentarief af aan de UiTPAS-balie van de "
        "vrijetijdsdienst. Neem uw identiteitskaart en deze brief mee.",
        "validity": "zolang u de verhoogde tegemoetkoming hebt, telkens voor één jaar",
        "reasons": (
            "U woont in Herent.",
            "Iemand in uw gezin heeft de verhoogde tegemoetkoming bij het ziekenfonds.",
        ),
        "service": "Onthaal en algemeen welzijnswerk",
        "reason": "Het gezin heeft een huurachterstand en openstaande energiefacturen en "
        "vraagt hulp om een afbetalingsplan te maken en de woning te behouden.",
        "facts": (
            (
                "Gezinssamenstelling",
                f"{CLIENT}, partner {PARTNER_NAME}, zoon {SON} (12 jaar) en "
                "inwonende grootmoeder Danica Ђорђевић",
            ),
            ("Woonsituatie", "private huurwoning; twee maanden huurachterstand"),
            ("Statuut", "verhoogde tegemoetkoming bij het ziekenfonds"),
        ),
        "purpose": "begeleiding bij de huurachterstand en de energieschulden",
        "note": "Mevrouw Wiśniewska spreekt Pools en goed Nederlands; meneer Alaoui "
        "spreekt Arabisch en wat Nederlands. Een afspraak in de voormiddag past het best, "
        "omdat mevrouw in de namiddag werkt.",
    },
    "fr": {
        "household": f"{CLIENT} et {PARTNER_NAME}",
        "after_grant": "Allez chercher votre UiTPAS au tarif réduit au guichet UiTPAS du "
        "service des loisirs. Apportez votre carte d’identité et cette lettre.",
        "validity": "tant que vous avez l’intervention majorée, chaque fois pour un an",
        "reasons": (
            "Vous habitez à Herent.",
            "Une personne de votre ménage a l’intervention majorée auprès de la mutualité.",
        ),
        "service": "Accueil et aide sociale générale",
        "reason": "Le ménage a des arriérés de loyer et des factures d’énergie impayées et "
        "demande de l’aide pour établir un plan d’apurement et garder son logement.",
        "facts": (
            (
                "Composition du ménage",
                f"{CLIENT}, partenaire {PARTNER_NAME}, fils {SON} (12 ans) et "
                "grand-mère cohabitante Danica Ђорђевић",
            ),
            ("Logement", "location privée ; deux mois d’arriérés de loyer"),
            ("Statut", "intervention majorée auprès de la mutualité"),
        ),
        "purpose": "accompagnement pour les arriérés de loyer et les dettes d’énergie",
        "note": "Madame Wiśniewska parle polonais et bien néerlandais ; monsieur Alaoui "
        "parle arabe et un peu néerlandais. Un rendez-vous le matin convient le mieux.",
    },
    "en": {
        "household": f"{CLIENT} and {PARTNER_NAME}",
        "after_grant": "Collect your UiTPAS at the reduced rate at the UiTPAS desk of the "
        "leisure department. Bring your identity card and this letter.",
        "validity": "as long as you have the increased reimbursement, one year at a time",
        "reasons": (
            "You live in Herent.",
            "Someone in your household has the increased reimbursement with the health insurer.",
        ),
        "service": "Reception and general social work",
        "reason": "The household is behind on rent and has unpaid energy bills, and asks "
        "for help to set up a payment plan and keep the home.",
        "facts": (
            (
                "Household",
                f"{CLIENT}, partner {PARTNER_NAME}, son {SON} (12) and "
                "grandmother Danica Ђорђевић, living with them",
            ),
            ("Housing", "private rental; two months behind on rent"),
            (
                "Status",
                "increased reimbursement (verhoogde tegemoetkoming) with the health insurer",
            ),
        ),
        "purpose": "support with the rent arrears and the energy debts",
        "note": "Ms Wiśniewska speaks Polish and good Dutch; Mr Alaoui speaks Arabic and "
        "some Dutch. A morning appointment suits them best.",
    },
}


def referral_letter(language: str) -> ReferralLetter:
    """The demo household's referral to CAW Oost-Brabant, in `language`."""
    content = CONTENT[language]
    partner = PARTNER
    return ReferralLetter(
        reference=f"DV-2026-0042-{language.upper()}",
        date=DAY,
        sender=sender(),
        worker_name=WORKER,
        worker_title=WORKER_TITLE,
        recipient=recipient(content["service"]),
        client_name=CLIENT,
        client_birth_date=date(1988, 3, 14),
        reason=content["reason"],
        shared_facts=content["facts"],
        note=content["note"],
        consent=ConsentStatement(DAY, "verbal", WORKER, partner, content["purpose"]),
        language=language,
    )


def client_overview(language: str) -> ClientOverview:
    """The demo household's rights overview in `language`, with rights from the catalog and
    its translations; the same reference in every language."""
    catalog = loader.load()
    rights = overview_rights(catalog, RIGHTS, load(language))
    return ClientOverview(
        CONTENT[language]["household"],
        DAY,
        language,
        rights,
        sender(),
        WORKER,
        reference=reference(DEMO_HOUSEHOLD, DAY, RIGHTS),
    )


def award_letter(language: str) -> AwardLetter:
    """The letter granting the household the UiTPAS kansentarief, in `language`: the right's
    words from the catalog or its translations, the rest from `CONTENT`."""
    content = CONTENT[language]
    catalog = loader.load()
    right = catalog.right(AWARDED)
    words = translations.texts(catalog, right, language)
    value = words.value_note if language != "nl" else client_value(words.value_note)
    return AwardLetter(
        reference="TR-2026-0042",
        date=DAY,
        sender=sender(),
        client_name=PARTNER_NAME,  # the household's applicant in the granting round
        address_lines=ADDRESS,
        right_name=words.name,
        summary=words.summary,
        value_note=value,
        after_grant=content["after_grant"],
        validity=content["validity"],
        reasons=content["reasons"],
        contact=WORKER,
        signed_by=WORKER,
        language=language,
    )


def sender() -> Sender:
    """The Sociaal Huis as the sociale kaart describes it: the demo's letterhead."""
    entry = _organisation(SOCIAAL_HUIS)
    return Sender(
        organisation="Sociaal Huis Herent",
        address_lines=_lines(entry.get("address")),
        phone=_text(entry, "phone"),
        email=_text(entry, "email"),
        website=_text(entry, "website"),
        # The sociale kaart gives the Sociaal Huis's telephone hours as a paragraph for
        # workers, not opening hours for a letterhead; the admin sets those in the app.
        opening_hours="",
    )


def recipient(service: str) -> Recipient:
    """The demo partner with whatever contact details the sociale kaart gives it."""
    entry = _organisation(PARTNER)
    return Recipient(
        PARTNER,
        service,
        _lines(entry.get("address")),
        phone=_text(entry, "phone"),
        email=_text(entry, "email"),
        website=_text(entry, "website"),
        opening_hours=_text(entry, "opening_hours"),
        no_walk_in=_text(entry, "no_walk_in"),
    )


@cache
def _organisations() -> dict[str, dict[str, Any]]:
    with resource_path("sociale-kaart", "partners.toml").open("rb") as file:
        data = tomllib.load(file)
    return {entry["name"]: entry for entry in data.get("organisation", [])}


def _organisation(name: str) -> dict[str, Any]:
    return _organisations().get(name, {})


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def _lines(address: object) -> tuple[str, ...]:
    # The sociale kaart writes an address on one line, its parts separated by commas.
    if not isinstance(address, str):
        return ()
    return tuple(part.strip() for part in address.split(",") if part.strip())
