"""What a subject-access export found: the rows about the subject per table (shared by the
JSON writer in `export` and the PDF summary in `export_pdf`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SubjectData:
    """The rows about the subject per table (column → JSON value), the users they name,
    and the archived letters' PDFs by letter id."""

    households: list[uuid.UUID]
    persons: list[uuid.UUID]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    letter_pdfs: dict[str, bytes] = field(default_factory=dict)
