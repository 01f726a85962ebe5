"""Decisions: what the worker did about each right, on which catalog and explanation it rested.

Decisions are append-only. A correction names the decision it `supersedes`; a later step
(applied, then already receives) is simply a newer decision about the same right. The
current decision for a right is the newest one nothing supersedes.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import READ_DECISIONS, RECORD_DECISION
from sociaalhuis.cases import validation
from sociaalhuis.cases.households import is_member
from sociaalhuis.cases.records import DecisionInput, DecisionView
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import DECISION_ACTIONS, Decision, Household
from sociaalhuis.sync.conflicts import check_usable

# granted: by the Sociaal Huis itself; applied: on the client's behalf; referred: to a partner;
# already_receives; declined: by the client; rejected: by the provider applied to.
ACTIONS = DECISION_ACTIONS
GRANTABLE = "grant"  # RightDef.obtained of the rights the Sociaal Huis grants itself


class DecisionService:
    """Record and read decisions about a household's rights against one loaded catalog."""

    def __init__(self, database: Database, catalog: Catalog) -> None:
        self.db = database
        self.catalog = catalog

    def record(
        self,
        actor: Actor,
        household_id: uuid.UUID,
        data: DecisionInput,
        explanation: str,
        supersedes: uuid.UUID | None = None,
    ) -> DecisionView:
        """Record a decision with the catalog version and `explanation` (the verdict's reasons
        as shown to the worker); `supersedes` names the decision it corrects."""
        authorize(self.db, actor, RECORD_DECISION)
        data, explanation = validation.decision(data, explanation)
        self._check(data)
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            check_usable(session, household_id)
            if data.person_id is not None and not is_member(session, household_id, data.person_id):
                raise ValidationError("person_id", "is not a member of this household")
            if supersedes is not None:
                _check_supersedes(session, household_id, data.right_id, supersedes)
            decision = Decision(
                household_id=household_id,
                person_id=data.person_id,
                right_id=data.right_id,
                action=data.action,
                decided_on=data.decided_on,
                note=data.note.strip(),
                follow_up_on=data.follow_up_on,
                catalog_version=self.catalog.version,
                explanation=explanation.strip(),
                decided_by_id=actor.user_id,
                supersedes_id=supersedes,
            )
            session.add(decision)
            session.flush()
            audit.record(
                session,
                actor,
                "decision.recorded",
                "household",
                household_id,
                decision=decision.id,
                right=data.right_id,
                supersedes=supersedes,
            )
            return _view(decision)

    def current(self, actor: Actor, household_id: uuid.UUID) -> list[DecisionView]:
        """Per right, the newest decision (by decision date, then recording time) that no
        other decision supersedes; the newest first."""
        authorize(self.db, actor, READ_DECISIONS)
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            newer = aliased(Decision)
            query = (
                select(Decision)
                .where(
                    Decision.household_id == household_id,
                    ~exists().where(newer.supersedes_id == Decision.id),
                )
                .order_by(Decision.decided_on.desc(), Decision.created_at.desc())
            )
            latest: dict[str, Decision] = {}
            for decision in session.scalars(query):
                latest.setdefault(decision.right_id, decision)
            audit.record(session, actor, "decision.listed", "household", household_id)
            return [_view(d) for d in latest.values()]

    def _check(self, data: DecisionInput) -> None:
        right = self._right(data.right_id)
        if data.action not in ACTIONS:
            raise ValidationError(
                "action", f"unknown action {data.action!r}; one of {', '.join(ACTIONS)}"
            )
        if data.action == "granted" and right.obtained != GRANTABLE:
            raise ValidationError(
                "action",
                f"the Sociaal Huis grants only its own rights; {right.name!r} is not granted "
                f"here ({right.obtained}): record applied, referred or already receives instead",
            )
        if data.follow_up_on is not None and data.follow_up_on < data.decided_on:
            raise ValidationError("follow_up_on", "lies before the decision date")

    def _right(self, right_id: str) -> RightDef:
        try:
            return self.catalog.right(right_id)
        except KeyError:
            raise ValidationError(
                "right_id", f"{right_id!r} is not a right in catalog {self.catalog.version}"
            ) from None


def _check_supersedes(
    session: Session, household_id: uuid.UUID, right_id: str, supersedes: uuid.UUID
) -> None:
    old = session.get(Decision, supersedes)
    if old is None or old.household_id != household_id or old.right_id != right_id:
        raise ValidationError("supersedes", "is not a decision about this right for this household")
    newer = select(Decision.id).where(Decision.supersedes_id == supersedes)
    if session.scalars(newer).first() is not None:
        raise ValidationError("supersedes", "was already corrected; correct the newest decision")


def _view(decision: Decision) -> DecisionView:
    return DecisionView(
        id=decision.id,
        household_id=decision.household_id,
        person_id=decision.person_id,
        right_id=decision.right_id,
        action=decision.action,
        decided_on=decision.decided_on,
        note=decision.note,
        follow_up_on=decision.follow_up_on,
        catalog_version=decision.catalog_version,
        explanation=decision.explanation,
        decided_by=decision.decided_by_id,
        created_at=decision.created_at,
        supersedes_id=decision.supersedes_id,
    )
