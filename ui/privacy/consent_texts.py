"""The referral service's consent refusals in Dutch (the core words them in English)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
OTHER_PARTNER = re.compile(r"the consent was given for (?P<given>.+), not for (?P<asked>.+)")


def consent_refusal(reason: str) -> str:
    """Why the consent does not allow this referral, as one Dutch sentence."""
    if "withdrawn" in reason:
        return translate(
            "ConsentTexts",
            "The client withdrew this consent: nothing may be shared on it. "
            "Register a new consent first if the client agrees again.",
        )
    other = OTHER_PARTNER.fullmatch(reason)
    if other:
        return translate(
            "ConsentTexts", "The consent was given for {given}, not for {asked}."
        ).format(given=other["given"], asked=other["asked"])
    if "required" in reason:
        return translate(
            "ConsentTexts", "Sharing facts needs the client's consent for this partner."
        )
    return translate("ConsentTexts", "This consent does not belong to this household.")
