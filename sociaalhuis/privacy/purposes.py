"""The purposes a client can consent to, kept as data: a code, the Dutch wording stored on
the consent and printed on letters, and what it allows.

Taken from Herent's lokaal sociaal beleidsplan (2022): geïntegreerd breed onthaal with CAW
Oost-Brabant and the health insurers' social services, referral to partners, proactive
granting of rights ("Proactief toekennen van rechten"), follow-up of the client, and the home
visit to residents turning 80. A consent row stores the wording (`Consent.purpose`); a purpose
is recognised by it, so consents typed before this list existed stay readable as "other".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Purpose:
    """One purpose; `needs_partner` when the data goes to a named partner."""

    code: str
    wording: str
    explanation: str
    needs_partner: bool


PURPOSES: tuple[Purpose, ...] = (
    Purpose(
        "referral",
        "gegevens delen met de partner voor een doorverwijzing",
        "De gekozen gegevens gaan met de doorverwijsbrief naar de partner.",
        True,
    ),
    Purpose(
        "gbo_consultation",
        "overleg binnen het geïntegreerd breed onthaal",
        "Bespreking met CAW Oost-Brabant of de sociale dienst van het ziekenfonds.",
        True,
    ),
    Purpose(
        "proactive_rights",
        "automatische rechtentoekenning en proactief onderzoek van rechten",
        "Het Sociaal Huis mag de gegevens gebruiken om rechten zelf toe te kennen.",
        False,
    ),
    Purpose(
        "follow_up",
        "contact opnemen voor opvolging",
        "Een medewerker mag de cliënt later opbellen of aanschrijven.",
        False,
    ),
    Purpose(
        "home_visit",
        "huisbezoek door een vrijwillige medewerker",
        "Bijvoorbeeld het bezoek aan inwoners die 80 worden.",
        False,
    ),
)
OTHER = "other"
# The organisation a purpose without a partner is given to.
OWN_ORGANISATION = "Sociaal Huis Herent"


def by_code(code: str) -> Purpose | None:
    return next((p for p in PURPOSES if p.code == code), None)


def code_of(wording: str) -> str:
    """The code of a stored purpose wording, or `other` for free text."""
    text = " ".join(wording.split()).casefold()
    return next((p.code for p in PURPOSES if p.wording.casefold() == text), OTHER)
