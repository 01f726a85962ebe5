"""The readable Dutch summary of a subject-access export, for the client: who they are to us,
what we recorded, to whom we passed what, and who looked at their file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.explain import money, number
from sociaalhuis.letters import layout, texts
from sociaalhuis.letters.layout import Styles, markup, table_style
from sociaalhuis.privacy.subject import SubjectData

CHANNELS = {
    "desk": "aan het onthaal",
    "phone": "telefonisch",
    "home_visit": "huisbezoek",
    "email": "e-mail",
    "video": "videogesprek",
}
ACTIONS = {
    "granted": "toegekend",
    "applied": "aangevraagd",
    "referred": "doorverwezen",
    "already_receives": "ontvangt het al",
    "declined": "niet gewenst",
    "rejected": "geweigerd",
}
EVIDENCE = {"statement": "verklaring", "document": "document", "official": "officiële bron"}
HOW = {"verbal": "mondeling", "written": "schriftelijk"}
LETTER_KINDS = {"referral": "doorverwijzing", "overview": "rechtenoverzicht", "award": "toekenning"}
# The audit actions a client meets most, in words; others are shown by their name.
AUDIT_WORDS = {
    "household.created": "dossier aangemaakt",
    "household.updated": "gegevens gewijzigd",
    "household.facts_recorded": "gegevens genoteerd",
    "household.viewed": "dossier geopend",
    "household.searched": "gezocht",
    "case.assigned": "dossier toegewezen",
    "case.closed": "dossier afgesloten",
    "contact.recorded": "gesprek genoteerd",
    "contact.listed": "gesprekken bekeken",
    "contact.note_added": "nota toegevoegd",
    "consent.given": "toestemming genoteerd",
    "consent.listed": "toestemmingen bekeken",
    "consent.withdrawn": "toestemming ingetrokken",
    "decision.recorded": "beslissing genoteerd",
    "decision.listed": "beslissingen bekeken",
    "referral.created": "doorverwijzing gemaakt",
    "referral.status": "doorverwijzing opgevolgd",
    "letter.printed": "brief afgedrukt",
    "letter.listed": "brieven bekeken",
    "follow_up.assigned": "opvolging gevraagd",
    "national_number.revealed": "rijksregisternummer getoond",
    "privacy.exported": "gegevens uitgevoerd voor inzage",
}


def summary_pdf(data: SubjectData, today: date, catalog: Catalog | None = None) -> bytes:
    """The summary as PDF bytes (A4, the letters' fonts and footer); `catalog` gives the
    facts and rights their names (the bundled one when not given)."""
    styles = Styles()
    catalog = catalog or loader.load()
    story: list[Flowable] = [
        Paragraph("Uw gegevens bij het Sociaal Huis", styles.title),
        Paragraph(
            markup(
                f"Overzicht van {layout.format_date(today)}: alles wat het Sociaal Huis over u "
                "en uw gezin bijhoudt. Het bijgevoegde bestand gegevens.json bevat dezelfde "
                "gegevens volledig en leesbaar door een computer; uw brieven zitten erbij als PDF."
            ),
            styles.body,
        ),
    ]
    users = data.users
    sections = (
        ("Personen", ("Naam", "Geboren", "Rijksregisternr.", "Contact"), _persons(data)),
        ("Adres", ("Straat", "Gemeente"), _addresses(data)),
        ("Wat we over uw situatie noteerden", ("Gegeven", "Waarde", "Bron"), _facts(data, catalog)),
        ("Gesprekken", ("Datum", "Hoe", "Vraag en nota's"), _contacts(data)),
        ("Uw toestemmingen", ("Waarvoor", "Aan wie", "Gegeven", "Ingetrokken"), _consents(data)),
        ("Beslissingen over rechten", ("Datum", "Recht", "Beslissing"), _decisions(data, catalog)),
        ("Doorverwijzingen", ("Datum", "Reden", "Gedeelde gegevens"), _referrals(data)),
        ("Brieven", ("Datum", "Soort", "Bestand"), _letters(data)),
        ("Opvolging", ("Tegen", "Door", "Nota"), _follow_ups(data, users)),
        ("Wie uw dossier opende of wijzigde", ("Wanneer", "Wie", "Wat"), _audit(data, users)),
    )
    for title, header, rows in sections:
        story.append(Paragraph(title, styles.heading))
        if not rows:
            story.append(Paragraph("Niets bewaard.", styles.small))
            continue
        story.append(_table(header, rows, styles))
        story.append(Spacer(1, 4))
    return layout.build(
        story,
        day=today,
        texts=texts.load("nl"),
        footer_left="Sociaal Huis — inzage in uw gegevens (AVG artikel 15)",
        title="Uw gegevens bij het Sociaal Huis",
        author="Sociaal Huis",
    )


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], styles: Styles) -> Table:
    width = layout.WIDTH / len(header)
    body = [[Paragraph(markup(h), styles.cell_bold) for h in header]]
    body += [[Paragraph(markup(cell or "—"), styles.cell) for cell in row] for row in rows]
    table = Table(body, colWidths=[width] * len(header), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, layout.RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def _day(value: Any) -> str:
    if not value:
        return ""
    return layout.format_date(date.fromisoformat(str(value)[:10]))


def _rows(data: SubjectData, table: str) -> list[dict[str, Any]]:
    return data.tables.get(table, [])


def _persons(data: SubjectData) -> list[tuple[str, ...]]:
    return [
        (
            f"{p['given_name']} {p['family_name']}",
            _day(p["birth_date"]),
            p["national_number"] or "",
            ", ".join(x for x in (p["phone"], p["email"]) if x),
        )
        for p in _rows(data, "persons")
    ]


def _addresses(data: SubjectData) -> list[tuple[str, ...]]:
    return [
        (
            f"{h['street']} {h['house_number']}" + (f" bus {h['box']}" if h["box"] else ""),
            f"{h['postcode']} {h['deelgemeente']}",
        )
        for h in _rows(data, "households")
    ]


def _value(fact: dict[str, Any]) -> str:
    for column in ("value_bool", "value_number", "value_date", "value_text"):
        value = fact.get(column)
        if value is not None:
            return ("ja" if value else "nee") if column == "value_bool" else str(value)
    return ""


def _facts(data: SubjectData, catalog: Catalog) -> list[tuple[str, ...]]:
    names = {p["id"]: p["given_name"] for p in _rows(data, "persons")}
    rows = []
    for fact in _rows(data, "facts"):
        definition = catalog.facts.get(fact["key"])
        label = definition.label if definition is not None else fact["key"]
        if fact["person_id"] in names:
            label = f"{label} ({names[fact['person_id']]})"
        value = _value(fact)
        if fact["kind"] == "money" and value:
            value = money(Decimal(value))
        elif fact["kind"] == "number" and value:
            value = number(Decimal(value))
        elif definition is not None and definition.choices and value in definition.choices:
            value = definition.choices[value]
        rows.append((label[:1].upper() + label[1:], value, EVIDENCE.get(fact["evidence"], "")))
    return rows


def _contacts(data: SubjectData) -> list[tuple[str, ...]]:
    notes: dict[str, list[str]] = {}
    for note in _rows(data, "contact_notes"):
        notes.setdefault(note["contact_id"], []).append(note["text"])
    return [
        (
            _day(c["occurred_at"]),
            CHANNELS.get(c["channel"], c["channel"]),
            "\n".join([c["question"], *notes.get(c["id"], [])]).strip(),
        )
        for c in _rows(data, "contacts")
    ]


def _consents(data: SubjectData) -> list[tuple[str, ...]]:
    rows = _rows(data, "consents")
    superseded = {c["supersedes_id"] for c in rows if c["supersedes_id"]}
    return [
        (
            c["purpose"],
            c["partner"],
            f"{_day(c['given_on'])} ({HOW.get(c['how'], c['how'])})",
            _day(c["withdrawn_on"]),
        )
        for c in rows
        if c["id"] not in superseded
    ]


def _decisions(data: SubjectData, catalog: Catalog) -> list[tuple[str, ...]]:
    rights = {right.id: right.name for right in catalog.rights}
    return [
        (
            _day(d["decided_on"]),
            rights.get(d["right_id"], d["right_id"]),
            ACTIONS.get(d["action"], d["action"]),
        )
        for d in _rows(data, "decisions")
    ]


def _referrals(data: SubjectData) -> list[tuple[str, ...]]:
    return [
        (_day(r["sent_on"] or r["created_at"]), r["reason"], ", ".join(_shared(r)))
        for r in _rows(data, "referrals")
    ]


def _shared(referral: dict[str, Any]) -> list[str]:
    try:
        return [str(key) for key in json.loads(referral["shared_facts"] or "[]")]
    except ValueError:
        return []


def _letters(data: SubjectData) -> list[tuple[str, ...]]:
    return [
        (_day(letter["created_at"]), LETTER_KINDS.get(letter["kind"], ""), letter["pdf"] or "")
        for letter in _rows(data, "letters")
    ]


def _audit(data: SubjectData, users: dict[str, dict[str, str]]) -> list[tuple[str, ...]]:
    rows = []
    for event in _rows(data, "audit_events"):
        user = users.get(str(event["user_id"]), {}).get("display_name", "")
        rows.append(
            (_day(event["created_at"]), user, AUDIT_WORDS.get(event["action"], event["action"]))
        )
    return rows


def _follow_ups(data: SubjectData, users: dict[str, dict[str, str]]) -> list[tuple[str, ...]]:
    return [
        (
            _day(f["due_on"]),
            users.get(str(f["worker_id"]), {}).get("display_name", ""),
            f["note"],
        )
        for f in _rows(data, "follow_ups")
    ]
