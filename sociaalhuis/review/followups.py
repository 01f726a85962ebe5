"""Follow-ups a team lead assigns from the review: a worker, a date and a note per row."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session


def planned(
    session: Session, pairs: list[tuple[uuid.UUID, str]]
) -> dict[tuple[uuid.UUID, str], date]:
    """The newest follow-up assigned to each (household, right) pair, where there is one."""
    return {}
