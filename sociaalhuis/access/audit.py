"""The audit trail: one event per read or write of client data, in the caller's transaction.

The session links each event into the hash chain when it flushes (`storage.audit_chain`);
`access.chain.verify` checks it.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor
from sociaalhuis.storage.models import AuditEvent


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    **detail: Any,
) -> None:
    """Add an audit event; it commits or rolls back together with the change it describes.

    `detail` names what changed (fields, counts), never the sensitive values themselves.
    """
    session.add(
        AuditEvent(
            user_id=actor.user_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            detail=json.dumps(detail, sort_keys=True, default=str),
        )
    )


def events_for(session: Session, entity_id: uuid.UUID) -> list[AuditEvent]:
    """Every audit event about one record, oldest first (in chain order: times can tie)."""
    query = select(AuditEvent).where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(query.order_by(AuditEvent.seq)))
