"""The Sociaal Huis letterhead: who sends every letter, kept in the database, set by admins.

Every printed letter takes its sender from here (`sender(session)`); until an administrator
sets it, letters carry the built-in `Sender()` defaults.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import MANAGE_LETTERHEAD
from sociaalhuis.errors import ConflictError, ValidationError
from sociaalhuis.letters.documents import Sender
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Letterhead

MAX_ORGANISATION = 120
MAX_LINE = 80
MAX_LINES = 4
MAX_PHONE = 40
MAX_EMAIL = 120
MAX_WEBSITE = 200
MAX_HOURS = 400
# Enough to catch a typo in the e-mail address partners answer to; not a full RFC 5322 parser.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()./ -]+$")
MAX_LOGO_BYTES = 512 * 1024
# A logo is drawn about 18 mm high: 2000 pixels is sharper than any printer needs, and a
# side of 16 pixels or an aspect ratio above 8 (wider than the page at that height) is no logo.
MIN_LOGO_SIDE = 16
MAX_LOGO_SIDE = 2000
MAX_LOGO_ASPECT = 8
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
FIELDS = ("organisation", "address_lines", "phone", "email", "website", "opening_hours", "logo")


@dataclass(frozen=True)
class Logo:
    """A checked logo: its media type and size in pixels."""

    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class LetterheadView:
    """The letterhead in force and the version to hand back when changing it (0: never set)."""

    sender: Sender
    version: int


def sender(session: Session) -> Sender:
    """The sender printed on letters: the stored letterhead, or the defaults."""
    row = _row(session)
    return _to_sender(row) if row is not None else Sender()


def clean(data: Sender) -> Sender:
    """The letterhead with surrounding blanks trimmed; raises ValidationError naming the field."""
    organisation = _line("organisation", data.organisation, MAX_ORGANISATION)
    if not organisation:
        raise ValidationError("organisation", "is required: the name partners see as sender")
    lines = tuple(line.strip() for line in data.address_lines if line.strip())
    if len(lines) > MAX_LINES:
        raise ValidationError("address_lines", f"at most {MAX_LINES} lines, got {len(lines)}")
    for index, line in enumerate(lines):
        _line(f"address_lines[{index}]", line, MAX_LINE)
    phone = _line("phone", data.phone, MAX_PHONE)
    if phone and not PHONE.match(phone):
        raise ValidationError("phone", "only digits, spaces and + ( ) . / - are allowed")
    email = _line("email", data.email, MAX_EMAIL)
    if email and not EMAIL.match(email):
        raise ValidationError("email", f"{email!r} is not an e-mail address")
    website = _line("website", data.website, MAX_WEBSITE)
    if website and (" " in website or "." not in website):
        raise ValidationError("website", f"{website!r} is not a web address")
    hours = _line("opening_hours", data.opening_hours, MAX_HOURS)
    logo_type = check_logo(data.logo).media_type if data.logo else ""
    return Sender(organisation, lines, phone, email, website, hours, data.logo, logo_type)


class LogoError(ValidationError):
    """A logo file refused; `problem` says why for the window's own sentence: empty,
    too_big, unreadable, not_an_image or pixels."""

    def __init__(self, problem: str, message: str) -> None:
        super().__init__("logo", message)
        self.problem = problem


def read_logo(path: Path) -> bytes:
    """The bytes of a logo file, checked with `check_logo`; ValidationError on field `logo`
    naming the file when it cannot be read or is no usable PNG or JPEG."""
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:  # refused before reading a file of any size
            raise LogoError("too_big", f"{path}: {_too_big(size)}")
        data = path.read_bytes()
    except OSError as exc:
        raise LogoError("unreadable", f"{path}: cannot be read ({exc.strerror})") from exc
    check_logo(data, str(path))
    return data


def check_logo(data: bytes, source: str = "") -> Logo:
    """The media type and pixel size of a logo that ReportLab can draw; ValidationError on
    field `logo` (naming `source`) for an empty, too big, damaged or other kind of file."""
    where = f"{source}: " if source else ""
    if not data:
        raise LogoError("empty", f"{where}the file is empty")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError("too_big", where + _too_big(len(data)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                _check_kind_and_size(where, kind, width, height)
                image.load()  # decodes every pixel: a cut-off file fails here
        ImageReader(io.BytesIO(data)).getRGBData()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise LogoError(
            "not_an_image", f"{where}is not a PNG or JPEG image that can be read (damaged?): {exc}"
        ) from exc
    except Image.DecompressionBombWarning as exc:
        raise LogoError("pixels", f"{where}has too many pixels") from exc
    return Logo(LOGO_TYPES[str(kind)], width, height)


def _check_kind_and_size(where: str, kind: str | None, width: int, height: int) -> None:
    if kind not in LOGO_TYPES:
        raise LogoError("not_an_image", f"{where}is a {kind or 'unknown'} image, not a PNG or JPEG")
    if min(width, height) < MIN_LOGO_SIDE or max(width, height) > MAX_LOGO_SIDE:
        raise LogoError(
            "pixels",
            f"{where}is {width} × {height} pixels; each side must be "
            f"{MIN_LOGO_SIDE} to {MAX_LOGO_SIDE} pixels",
        )
    if max(width, height) > MAX_LOGO_ASPECT * min(width, height):
        raise LogoError(
            "pixels", f"{where}is {width} × {height} pixels: at most {MAX_LOGO_ASPECT} times wider"
        )


def _too_big(size: int) -> str:
    return f"at most {MAX_LOGO_BYTES // 1024} KB, the file has {-(-size // 1024)} KB"


class LetterheadService:
    """Read the letterhead (everyone who prints letters) and change it (administrators only)."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def get(self) -> LetterheadView:
        with self.db.read() as session:
            row = _row(session)
            if row is None:
                return LetterheadView(Sender(), 0)
            return LetterheadView(_to_sender(row), row.version)

    def update(self, actor: Actor, data: Sender, expected_version: int) -> LetterheadView:
        """Replace the letterhead; `expected_version` is the one the caller saw (0 when never
        set), so two administrators cannot overwrite each other unknowingly."""
        authorize(self.db, actor, MANAGE_LETTERHEAD)
        new = clean(data)
        with self.db.write() as session:
            row = _row(session, lock=True)
            actual = row.version if row is not None else 0
            if actual != expected_version:
                raise ConflictError("letterhead", "", expected_version, actual)
            before = _to_sender(row) if row is not None else Sender()
            if row is None:
                row = Letterhead()
                session.add(row)
            row.organisation = new.organisation
            row.address = "\n".join(new.address_lines)
            row.phone = new.phone
            row.email = new.email
            row.website = new.website
            row.opening_hours = new.opening_hours
            row.logo = new.logo or None
            row.logo_type = new.logo_type
            try:
                session.flush()
            except IntegrityError as exc:
                # Another administrator set the first letterhead a moment earlier (`slot`).
                raise ConflictError("letterhead", "", expected_version, None) from exc
            # Names only: never the logo's bytes.
            changed = sorted(name for name in FIELDS if getattr(before, name) != getattr(new, name))
            audit.record(session, actor, "letterhead.updated", "letterhead", row.id, fields=changed)
            return LetterheadView(new, row.version)


def _row(session: Session, lock: bool = False) -> Letterhead | None:
    query = select(Letterhead).order_by(Letterhead.created_at).limit(1)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def _to_sender(row: Letterhead) -> Sender:
    lines = tuple(line for line in row.address.split("\n") if line)
    sender = Sender(row.organisation, lines, row.phone, row.email, row.website, row.opening_hours)
    return replace(sender, logo=row.logo or b"", logo_type=row.logo_type if row.logo else "")


def _line(field: str, value: str, limit: int) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(field, f"at most {limit} characters, got {len(text)}")
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValidationError(field, "contains a control character (a line break or tab?)")
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        # Half of a UTF-16 pair on its own: no database driver can encode it.
        raise ValidationError(field, "contains a broken character (an unpaired surrogate)")
    return text
