"""The caseload-wide services on behalf of a user: the non-take-up review and screening all
households, each checked against `access.permissions` before it reads or writes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import RUN_SCREENING, VIEW_NON_TAKE_UP
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.screening import store
from sociaalhuis.screening.runner import ScreenSummary, run_screen
from sociaalhuis.storage.database import Database


def non_take_up(
    db: Database,
    actor: Actor,
    *,
    right_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[store.NonTakeUpRow], int]:
    """A page of the non-take-up review (see `store.non_take_up`) and the number of rows in all;
    team leads and admins only."""
    authorize(db, actor, VIEW_NON_TAKE_UP)
    with db.read() as session:
        rows = store.non_take_up(session, right_id=right_id, limit=limit, offset=offset)
        return rows, store.count_non_take_up(session, right_id)


def screen_caseload(
    db: Database, actor: Actor, catalog: Catalog, on: date, **options: Any
) -> ScreenSummary:
    """`runner.run_screen` for a user allowed to screen the whole caseload; `options` as there."""
    authorize(db, actor, RUN_SCREENING)
    return run_screen(db, catalog, on, **options)
