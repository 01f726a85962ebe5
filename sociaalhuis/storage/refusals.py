"""Why a database was refused, in Dutch, for the command line (the window has its own,
translated wording in `ui/startup_errors.py`, with the same sentences)."""

from __future__ import annotations

from sociaalhuis.errors import StorageError

HEADLINE = "De database kan niet geopend worden."
HEADLINE_IN_USE = "De database kan niet gebruikt worden."
UNCHANGED = "Er is niets gewijzigd."

# The Dutch sentence per `StorageError.kind`; the same as the window's translations.
WHAT_IS_WRONG = {
    "empty": "Het bestand is leeg (0 bytes); het is geen database.",
    "not_sqlite": "Het bestand is geen database.",
    "foreign": "Het bestand is een database van een ander programma, niet van Sociaal Huis.",
    "read_only": "Het bestand is alleen-lezen; Sociaal Huis moet erin kunnen schrijven. "
    "Maak het schrijfbaar of open een kopie.",
    "damaged": "Het bestand is beschadigd: sommige pagina's zijn onleesbaar. "
    "Zet een reservekopie terug.",
    "needs_passphrase": "De database is versleuteld; zonder haar wachtzin kan ze niet geopend "
    "worden.",
    "wrong_passphrase": "De wachtzin is onjuist. De veiligheidsconsulent kan met de "
    "herstelsleutel een nieuwe instellen.",
    "damaged_keys": "Het sleutelbestand naast de database is beschadigd of is geen "
    "sleutelbestand. Zet er een reservekopie van terug.",
    "missing_keys": "Het bestand is geen gewone database en er ligt geen sleutelbestand naast. "
    "Is het een versleutelde database, leg dan haar sleutelbestand (.keys) er weer naast.",
    "not_encrypted": "Naast de database ligt een sleutelbestand, maar de database is niet "
    "versleuteld. Ze wordt niet geopend: ze kan verwisseld zijn.",
    "weak_passphrase": "De wachtzin is te kort; kies een langere (zie de reden hieronder).",
}


def refusal_lines(exc: StorageError, *, opening: bool = True) -> list[str]:
    """The headline, the file, what is wrong in Dutch, the core's own (English) reason as
    technical detail, and that nothing was changed."""
    lines = [HEADLINE if opening else HEADLINE_IN_USE, f"Locatie: {exc.location}"]
    if exc.kind in WHAT_IS_WRONG:
        lines.append(WHAT_IS_WRONG[exc.kind])
    lines.append(f"Reden: {exc.reason}")
    lines.append(UNCHANGED)
    return lines
