"""Letters as PDF bytes from plain data: the referral letter and the client's rights overview.

Pure functions, no database: the referral service builds a `ReferralLetter` or a
`ClientOverview`, renders it, and archives the bytes with their `sha256`. The same input
always gives the same bytes, so a reprint can be checked against the archive.
"""

from sociaalhuis.letters.documents import (
    ClientOverview,
    ConsentStatement,
    OverviewRight,
    Recipient,
    ReferralLetter,
    Sender,
)
from sociaalhuis.letters.layout import sha256
from sociaalhuis.letters.overview import render_client_overview
from sociaalhuis.letters.referral import render_referral_letter

__all__ = [
    "ClientOverview",
    "ConsentStatement",
    "OverviewRight",
    "Recipient",
    "ReferralLetter",
    "Sender",
    "render_client_overview",
    "render_referral_letter",
    "sha256",
]
