"""Domain errors: structured fields for the UI, one complete message for people."""

from __future__ import annotations


class SociaalHuisError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(SociaalHuisError):
    """Input that cannot be accepted; `field` names where (e.g. `members[1].national_number`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class NotFoundError(SociaalHuisError):
    """A record that was asked for by id does not exist."""

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(f"{entity} {entity_id} does not exist")
        self.entity = entity
        self.entity_id = entity_id


class ConflictError(SociaalHuisError):
    """Someone else saved the same record first; the caller should reload, nothing was written."""

    def __init__(self, entity: str, entity_id: object, expected: int | None, actual: int | None):
        super().__init__(
            f"{entity} {entity_id} was changed by someone else "
            f"(you had version {expected}, the database has version {actual}); reload it"
        )
        self.entity = entity
        self.entity_id = entity_id
        self.expected_version = expected
        self.actual_version = actual


class StorageError(SociaalHuisError):
    """The database cannot be opened or used as it is; nothing was changed. `kind` names the
    problem for the UI's own sentence: empty, not_sqlite, foreign, read_only, damaged or ""."""

    def __init__(self, location: str, message: str, kind: str = "") -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.reason = message
        self.kind = kind


class PermissionDenied(SociaalHuisError):
    """The acting user's role does not allow this operation."""


class BreakGlassRequired(PermissionDenied):
    """The case is assigned to a colleague: the user may open it only through break-glass
    (`access.need_to_know.break_glass`), with a reason that the team lead sees."""

    def __init__(self, household_id: object) -> None:
        super().__init__(
            f"household {household_id} is assigned to a colleague; "
            "opening it needs break-glass with a reason"
        )
        self.household_id = household_id
