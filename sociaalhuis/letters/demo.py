"""A fictitious household's referral letter and rights overview, to look at the letters.

All people are invented; their names are chosen to need Polish, Turkish, Vietnamese,
Serbian Cyrillic and Arabic glyphs. The rights come from the shipped catalog; the sender
and the partner with their contact details from the shipped sociale kaart.
"""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from functools import cache
from typing import Any

from sociaalhuis.catalog import loader
from sociaalhuis.letters.documents import (
    ClientOverview,
    ConsentStatement,
    Recipient,
    ReferralLetter,
    Sender,
)
from sociaalhuis.letters.overview_rights import overview_rights, reference
from sociaalhuis.letters.texts import load
from sociaalhuis.resources import resource_path

DAY = date(2026, 11, 22)
DEMO_HOUSEHOLD = uuid.UUID(int=42)
CLIENT = "Aleksandra Wiśniewska"
WORKER = "Thi Lan Nguyễn"
WORKER_TITLE = "maatschappelijk werker"
SOCIAAL_HUIS = "Sociaal Huis Herent (OCMW Herent)"
PARTNER = "CAW Oost-Brabant"
RIGHTS = (
    "verhoogde_tegemoetkoming",
    "sociaal_tarief_energie",
    "vlaamse_huurpremie",
    "budgetbegeleiding",
    "uitpas_kansentarief",
    "rap_op_stap",
)

# Per language: the recipient's service, the reason, the shared facts, the consent's
# purpose and a longer note. The referral letter goes to a Dutch-speaking partner; the
# French and English versions show the letter texts in those languages.
CONTENT = {
    "nl": {
        "service": "Onthaal en algemeen welzijnswerk",
        "reason": "Het gezin heeft een huurachterstand en openstaande energiefacturen en "
        "vraagt hulp om een afbetalingsplan te maken en de woning te behouden.",
        "facts": (
            (
                "Gezinssamenstelling",
                "Aleksandra Wiśniewska, partner Emre Öztürk, zoon "
                "محمد Öztürk (12 jaar) en inwonende grootmoeder Danica Ђорђевић",
            ),
            ("Woonsituatie", "private huurwoning; twee maanden huurachterstand"),
            ("Statuut", "verhoogde tegemoetkoming bij het ziekenfonds"),
        ),
        "purpose": "begeleiding bij de huurachterstand en de energieschulden",
        "note": "Mevrouw Wiśniewska spreekt Pools en goed Nederlands; meneer Öztürk "
        "spreekt Turks en wat Nederlands. Een afspraak in de voormiddag past het best, "
        "omdat mevrouw in de namiddag werkt.",
    },
    "fr": {
        "service": "Accueil et aide sociale générale",
        "reason": "Le ménage a des arriérés de loyer et des factures d’énergie impayées et "
        "demande de l’aide pour établir un plan d’apurement et garder son logement.",
        "facts": (
            (
                "Composition du ménage",
                "Aleksandra Wiśniewska, partenaire Emre Öztürk, "
                "fils محمد Öztürk (12 ans) et grand-mère cohabitante Danica Ђорђевић",
            ),
            ("Logement", "location privée ; deux mois d’arriérés de loyer"),
            ("Statut", "intervention majorée auprès de la mutualité"),
        ),
        "purpose": "accompagnement pour les arriérés de loyer et les dettes d’énergie",
        "note": "Madame Wiśniewska parle polonais et bien néerlandais ; monsieur Öztürk "
        "parle turc et un peu néerlandais. Un rendez-vous le matin convient le mieux.",
    },
    "en": {
        "service": "Reception and general social work",
        "reason": "The household is behind on rent and has unpaid energy bills, and asks "
        "for help to set up a payment plan and keep the home.",
        "facts": (
            (
                "Household",
                "Aleksandra Wiśniewska, partner Emre Öztürk, son محمد Öztürk "
                "(12) and grandmother Danica Ђорђевић, living with them",
            ),
            ("Housing", "private rental; two months behind on rent"),
            (
                "Status",
                "increased reimbursement (verhoogde tegemoetkoming) with the health insurer",
            ),
        ),
        "purpose": "support with the rent arrears and the energy debts",
        "note": "Ms Wiśniewska speaks Polish and good Dutch; Mr Öztürk speaks Turkish and "
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
        CLIENT,
        DAY,
        language,
        rights,
        sender(),
        WORKER,
        reference=reference(DEMO_HOUSEHOLD, DAY, RIGHTS),
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
        opening_hours=_text(entry, "opening_hours"),
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
