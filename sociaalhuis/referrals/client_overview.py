"""The client's overview built from the database: which rights are still to claim, where
to go for each (the sociale kaart), and the overview's reference."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.letters import letterhead
from sociaalhuis.letters.documents import ClientOverview
from sociaalhuis.letters.overview_rights import overview_rights, reference
from sociaalhuis.letters.texts import Texts
from sociaalhuis.referrals.partners import read_partners
from sociaalhuis.screening.store import findings_of
from sociaalhuis.storage.models import Decision, Organisation

# A decision that settles a right for the overview: only a referral still leaves it to claim.
OPEN_ACTIONS = ("referred",)


def build(
    session: Session,
    catalog: Catalog,
    household_id: uuid.UUID,
    client_name: str,
    right_ids: Sequence[str],
    texts: Texts,
    worker_name: str,
    when: date,
) -> tuple[ClientOverview, tuple[str, ...]]:
    """The overview of the rights in `right_ids` the household can still claim, and the ids
    of the rights it lists."""
    known = {right.id for right in catalog.rights}
    wanted = tuple(r for r in still_to_claim(session, household_id, right_ids) if r in known)
    rights = overview_rights(catalog, wanted, texts, places(session, wanted, texts))
    overview = ClientOverview(
        client_name,
        when,
        texts.language,
        rights,
        letterhead.sender(session),
        worker_name,
        reference=reference(household_id, when, wanted),
    )
    return overview, wanted


def still_to_claim(
    session: Session, household_id: uuid.UUID, right_ids: Sequence[str]
) -> tuple[str, ...]:
    """`right_ids` without the rights a decision settled (granted, applied, already received,
    declined, rejected) or that the stored screening says the household already receives."""
    newest: dict[str, str] = {}
    rows = session.execute(
        select(Decision.right_id, Decision.action)
        .where(Decision.household_id == household_id)
        .order_by(Decision.decided_on, Decision.created_at)
    )
    for right_id, action in rows:
        newest[right_id] = action
    settled = {right_id for right_id, action in newest.items() if action not in OPEN_ACTIONS}
    receives = {f.right_id for f in findings_of(session, household_id) if f.verdict == "receives"}
    return tuple(
        right_id
        for right_id in dict.fromkeys(right_ids)
        if right_id not in settled and right_id not in receives
    )


def places(session: Session, right_ids: Sequence[str], texts: Texts) -> dict[str, str]:
    """Per right, where the client goes: the partner that provides it on the sociale kaart,
    with its address, opening hours and phone where recorded."""
    providers = _providers()
    found: dict[str, str] = {}
    for right_id in right_ids:
        names = providers.get(right_id)
        if not names:
            continue
        organisation_name, service_name = names[0]
        row = session.scalars(
            select(Organisation).where(Organisation.name == organisation_name).limit(1)
        ).first()
        found[right_id] = " · ".join(_place_lines(organisation_name, service_name, row, texts))
    return found


def _place_lines(name: str, service: str, row: Organisation | None, texts: Texts) -> list[str]:
    lines = [f"{name} – {service}" if service else name]
    if row is None:
        return lines

    def text(field: str) -> str:
        # getattr: opening hours and the no-walk-in note are newer columns of the sociale kaart.
        return (getattr(row, field, None) or "").strip()

    if text("address"):
        lines.append(text("address"))
    elif text("no_walk_in"):
        lines.append(text("no_walk_in"))
    if text("opening_hours"):
        colon = "\u00a0: " if texts.language == "fr" else ": "  # French spaces its colon
        lines.append(f"{texts['common.hours']}{colon}{text('opening_hours')}")
    contact = [f"{texts['common.phone']} {text('phone')}" if text("phone") else "", text("email")]
    if not any(contact):  # the website only when there is no phone or e-mail to use
        contact.append(text("website"))
    if any(contact):
        lines.append(" · ".join(part for part in contact if part))
    return lines


@cache
def _providers() -> dict[str, list[tuple[str, str]]]:
    try:
        return read_partners().providers_by_right()
    except SociaalHuisError:
        return {}  # a broken partners file: the catalog's provider stands in
