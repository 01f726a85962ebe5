"""What a letter says, as plain frozen data: the referral letter and the client's overview.

The referral service fills these from the database; the renderers turn them into PDF bytes
and never look anything up themselves. Every text here is user data: it is printed
literally (escaped), never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LANGUAGES = ("nl", "fr", "en")
CONSENT_HOW = ("verbal", "written")


@dataclass(frozen=True)
class Sender:
    """The Sociaal Huis as it appears in the letterhead; empty fields are left out."""

    organisation: str = "Sociaal Huis Herent"
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    # An optional PNG or JPEG drawn at the top of every letter ("" media type: no logo).
    logo: bytes = field(default=b"", repr=False)
    logo_type: str = ""


@dataclass(frozen=True)
class Recipient:
    """The partner organisation and service from the sociale kaart, with whatever contact
    details it records; empty fields are left out of the letter."""

    organisation: str
    service: str = ""
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: str = ""
    # How to reach a partner without a desk to walk into (printed instead of an address).
    no_walk_in: str = ""


@dataclass(frozen=True)
class ConsentStatement:
    """The client's recorded consent: when, how (`verbal` or `written`), recorded by whom,
    for which partner and purpose."""

    given_on: date
    how: str
    recorded_by: str
    partner: str
    purpose: str


@dataclass(frozen=True)
class ReferralLetter:
    """A referral to a partner with only the facts selected for sharing.

    The client is identified minimally: name and birth date. `shared_facts` are
    (label, value) pairs exactly as they are to be printed, in the order given.
    """

    reference: str
    date: date
    sender: Sender
    worker_name: str
    recipient: Recipient
    client_name: str
    client_birth_date: date | None
    reason: str
    consent: ConsentStatement
    shared_facts: tuple[tuple[str, str], ...] = ()
    note: str = ""
    language: str = "nl"
    # The signature: the worker's function and a direct phone or e-mail to call back on.
    worker_title: str = ""
    worker_phone: str = ""
    worker_email: str = ""


@dataclass(frozen=True)
class OverviewRight:
    """One right the client can claim: what to do, where, what to bring, what it is worth.

    `where` may hold several lines (partner, address, opening hours); an `automatic` right
    comes without asking and is listed briefly, with what it is worth.
    """

    name: str
    what_to_do: str
    where: str
    documents: tuple[str, ...] = ()
    summary: str = ""
    value: str = ""
    automatic: bool = False


@dataclass(frozen=True)
class ClientOverview:
    """The "your rights" overview handed to the client, in the client's language."""

    client_name: str
    date: date
    language: str
    rights: tuple[OverviewRight, ...]
    sender: Sender = field(default_factory=Sender)
    worker_name: str = ""
    # The same in every language: derived from the household, the date and the rights.
    reference: str = ""
