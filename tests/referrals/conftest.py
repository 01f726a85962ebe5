"""Fixtures for the sociale kaart tests: an administrator besides the social worker."""

from __future__ import annotations

import pytest

from sociaalhuis.access.actors import Actor, ensure_user


@pytest.fixture
def admin(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


@pytest.fixture
def intake(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "onthaal", "Omar Onthaal", "intake")
