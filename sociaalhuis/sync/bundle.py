"""The sync bundle file: changes carried between sites on a USB stick, encrypted and
authenticated as a whole, so a bundle is either read completely or refused completely.

Layout: an 14-byte prefix (magic `SHBUNDLE`, format version, header length), a JSON header,
then the changes as JSON lines, zlib-compressed and cut into chunks of `chunk_size` bytes,
each sealed with AES-256-GCM. The key for one bundle is derived (HKDF-SHA256) from the shared
key and a random salt in the header, so chunks of two bundles never fit together; every chunk
takes the SHA-256 of prefix and header as associated data, so a changed header breaks every
chunk; its nonce holds the chunk's index and whether it is the last one, so reordered,
dropped, cut or appended chunks do not authenticate. Reading verifies all chunks before it
returns anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import struct
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.sync.change import Change, ChangeError
from sociaalhuis.sync.keys import KEY_BYTES, fingerprint

MAGIC = b"SHBUNDLE"
FORMAT_VERSION = 1
PREFIX = struct.Struct(">8sHI")  # magic, format version, header length
CHUNK_SIZE = 1 << 20
MIN_CHUNK_SIZE = 256
MAX_CHUNK_SIZE = 16 << 20
MAX_HEADER_BYTES = 64 * 1024
TAG_BYTES = 16
SALT_BYTES = 32
_KDF_INFO = b"sociaalhuis sync bundle v1"


class BundleError(SociaalHuisError):
    """A bundle that cannot be written or is refused whole; names the file and what is wrong.

    `kind` names the problem for the UI's own sentence: not_a_bundle, version, wrong_key,
    damaged, truncated, appended, bad_change, count or unwritable; `line` the change line.
    """

    def __init__(self, path: Path | str, reason: str, kind: str, line: int | None = None):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.kind = kind
        self.line = line


@dataclass(frozen=True)
class BundleHeader:
    """Who sent the bundle to whom and which of the sender's changes it covers."""

    sender_site: str
    receiver_site: str | None
    sender_epoch: str
    first_seq: int | None
    last_seq: int | None
    count: int
    created_at: str


@dataclass(frozen=True)
class Bundle:
    """A bundle read and verified whole."""

    header: BundleHeader
    changes: list[Change]


def write_bundle(
    path: Path | str,
    key: bytes,
    *,
    sender_site: str,
    sender_epoch: str,
    changes: Sequence[Change],
    receiver_site: str | None = None,
    first_seq: int | None = None,
    last_seq: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> BundleHeader:
    """Write `changes` to a new bundle at `path` (through a `.part` file renamed at the end,
    so a cut-off export never leaves a half bundle). `first_seq`/`last_seq` default to the
    range of the sender's own changes in `changes`."""
    if len(key) != KEY_BYTES:
        raise BundleError(path, f"the key has {len(key)} bytes, not {KEY_BYTES}", "unwritable")
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise BundleError(path, f"chunk size {chunk_size} is out of range", "unwritable")
    own = [change.seq for change in changes if change.site_id == sender_site]
    header = BundleHeader(
        sender_site=sender_site,
        receiver_site=receiver_site,
        sender_epoch=sender_epoch,
        first_seq=first_seq if first_seq is not None else min(own, default=None),
        last_seq=last_seq if last_seq is not None else max(own, default=None),
        count=len(changes),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    salt = secrets.token_bytes(SALT_BYTES)
    document = dict(
        vars(header),
        chunk_size=chunk_size,
        salt=salt.hex(),
        key_id=fingerprint(key),
        compression="zlib",
    )
    try:
        _validate_header(path, document)
        _check_contents(path, header, changes)
    except BundleError as exc:
        raise BundleError(path, exc.reason, "unwritable") from None
    head = _encode_head(document)
    target = Path(path)
    part = target.with_name(target.name + ".part")
    try:
        part.unlink(missing_ok=True)
        # Owner-only, like the key file: encrypted, but nobody else needs to copy it.
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(head)
            _write_chunks(stream, path, _Sealer(key, salt, head), changes, chunk_size)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise BundleError(path, f"cannot be written ({exc.strerror})", "unwritable") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return header


def read_bundle(path: Path | str, key: bytes) -> Bundle:
    """The header and every change of the bundle at `path`, only once all of it is verified;
    BundleError naming the file and the problem otherwise (nothing partial is returned)."""
    if len(key) != KEY_BYTES:
        raise BundleError(path, f"the key has {len(key)} bytes, not {KEY_BYTES}", "wrong_key")
    try:
        with open(path, "rb") as stream:
            head, document = _read_head(path, stream)
            if document["key_id"] != fingerprint(key):
                raise BundleError(
                    path,
                    f"was made with another key (fingerprint {document['key_id']}; "
                    f"this key is {fingerprint(key)})",
                    "wrong_key",
                )
            sealer = _Sealer(key, bytes.fromhex(document["salt"]), head)
            lines = _LineReader(path)
            _read_chunks(path, stream, sealer, document["chunk_size"], lines)
            changes = lines.finish()
    except FileNotFoundError:
        raise BundleError(path, "does not exist", "not_a_bundle") from None
    except OSError as exc:
        raise BundleError(path, f"cannot be read ({exc.strerror})", "not_a_bundle") from None
    header = BundleHeader(**{name: document[name] for name in BundleHeader.__dataclass_fields__})
    _check_contents(path, header, changes)
    return Bundle(header, changes)


class _Sealer:
    """AES-256-GCM under this bundle's own key; the nonce is the chunk index (11 bytes) and a
    last-chunk flag, the associated data the hash of prefix and header."""

    def __init__(self, key: bytes, salt: bytes, head: bytes) -> None:
        kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_KDF_INFO)
        self._aead = AESGCM(kdf.derive(key))
        self._ad = hashlib.sha256(head).digest()

    @staticmethod
    def _nonce(index: int, final: bool) -> bytes:
        return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")

    def seal(self, index: int, final: bool, plain: bytes) -> bytes:
        return self._aead.encrypt(self._nonce(index, final), plain, self._ad)

    def open(self, index: int, final: bool, sealed: bytes) -> bytes | None:
        try:
            return self._aead.decrypt(self._nonce(index, final), sealed, self._ad)
        except InvalidTag:
            return None


def _encode_head(document: dict[str, Any]) -> bytes:
    body = json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return PREFIX.pack(MAGIC, FORMAT_VERSION, len(body)) + body


def _write_chunks(
    stream: BinaryIO, path: Path | str, sealer: _Sealer, changes: Sequence[Change], size: int
) -> None:
    # Strictly more than one chunk's worth is kept back, so the last chunk always has the
    # final flag, even for an empty bundle (whose header is then still authenticated).
    compressor = zlib.compressobj(6)
    buffer = bytearray()
    index = 0
    for number, change in enumerate(changes, start=1):
        try:
            line = change.dumps().encode("utf-8") + b"\n"
        except (TypeError, ValueError) as exc:
            raise BundleError(
                path, f"change {number} cannot be written as JSON: {exc}", "unwritable", number
            ) from None
        buffer += compressor.compress(line)
        while len(buffer) > size:
            stream.write(sealer.seal(index, False, bytes(buffer[:size])))
            del buffer[:size]
            index += 1
    buffer += compressor.flush()
    while len(buffer) > size:
        stream.write(sealer.seal(index, False, bytes(buffer[:size])))
        del buffer[:size]
        index += 1
    stream.write(sealer.seal(index, True, bytes(buffer)))


def _read_head(path: Path | str, stream: BinaryIO) -> tuple[bytes, dict[str, Any]]:
    prefix = stream.read(PREFIX.size)
    if len(prefix) < PREFIX.size or not prefix.startswith(MAGIC):
        if MAGIC.startswith(prefix[: len(MAGIC)]) and prefix:
            raise BundleError(path, "is cut off inside its header", "truncated")
        raise BundleError(path, "is not a sync bundle", "not_a_bundle")
    _magic, version, length = PREFIX.unpack(prefix)
    if version != FORMAT_VERSION:
        raise BundleError(
            path, f"has bundle format {version}; this program reads format 1", "version"
        )
    if length > MAX_HEADER_BYTES:
        raise BundleError(path, "is damaged: its header length is impossible", "damaged")
    body = stream.read(length)
    if len(body) < length:
        raise BundleError(path, "is cut off inside its header", "truncated")
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleError(path, "is damaged: its header cannot be read", "damaged") from None
    _validate_header(path, document)
    return prefix + body, document


def _validate_header(path: Path | str, document: Any) -> None:
    def bad(name: str) -> BundleError:
        return BundleError(path, f"is damaged: header field {name} is wrong", "damaged")

    expected = {*BundleHeader.__dataclass_fields__, "chunk_size", "salt", "key_id", "compression"}
    if not isinstance(document, dict) or set(document) != expected:
        raise BundleError(path, "is damaged: its header has the wrong fields", "damaged")
    for name in ("sender_site", "receiver_site", "sender_epoch"):
        value = document[name]
        if not (value is None and name == "receiver_site") and not _is_uuid(value):
            raise bad(name)
    for name in ("first_seq", "last_seq", "count", "chunk_size"):
        value = document[name]
        if not (value is None and name.endswith("seq")) and not _is_count(value):
            raise bad(name)
    if (document["first_seq"] is None) != (document["last_seq"] is None):
        raise bad("first_seq")
    if not MIN_CHUNK_SIZE <= document["chunk_size"] <= MAX_CHUNK_SIZE:
        raise bad("chunk_size")
    salt = document["salt"]
    if not isinstance(salt, str) or len(salt) != 2 * SALT_BYTES or not _is_hex(salt):
        raise bad("salt")
    if not isinstance(document["key_id"], str) or not isinstance(document["created_at"], str):
        raise bad("key_id")
    if document["compression"] != "zlib":
        raise bad("compression")


def _read_chunks(
    path: Path | str, stream: BinaryIO, sealer: _Sealer, size: int, lines: _LineReader
) -> None:
    block = size + TAG_BYTES
    current = stream.read(block)
    if not current:
        raise BundleError(path, "is cut off: nothing follows its header", "truncated")
    index = 0
    while True:
        following = stream.read(block)
        final = not following
        plain = sealer.open(index, final, current)
        if plain is None:
            raise _chunk_error(path, sealer, index, final, current)
        lines.feed(plain)
        if final:
            return
        current = following
        index += 1


def _chunk_error(
    path: Path | str, sealer: _Sealer, index: int, final: bool, sealed: bytes
) -> BundleError:
    # A chunk that authenticates with the other flag tells what happened at the end.
    if sealer.open(index, not final, sealed) is not None:
        if final:
            return BundleError(path, "is cut off: its last part is missing", "truncated")
        return BundleError(path, "has extra bytes after its end", "appended")
    return BundleError(
        path,
        f"is damaged or altered: part {index + 1} does not pass the integrity check",
        "damaged",
    )


class _LineReader:
    """Decompresses the verified chunks and reads them as change lines, one at a time."""

    def __init__(self, path: Path | str) -> None:
        self._path = path
        self._inflate = zlib.decompressobj()
        self._rest = b""
        self._changes: list[Change] = []

    def feed(self, data: bytes) -> None:
        try:
            text = self._rest + self._inflate.decompress(data)
        except zlib.error:
            raise BundleError(
                self._path, "is damaged: its contents cannot be unpacked", "damaged"
            ) from None
        *complete, self._rest = text.split(b"\n")
        for line in complete:
            self._changes.append(self._parse(line))

    def finish(self) -> list[Change]:
        if not self._inflate.eof or self._inflate.unused_data or self._rest:
            raise BundleError(self._path, "is damaged: its contents end unexpectedly", "damaged")
        return self._changes

    def _parse(self, line: bytes) -> Change:
        number = len(self._changes) + 1
        try:
            return Change.from_json(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            reason = exc.args[0] if isinstance(exc, ChangeError) else "is not valid JSON"
            raise BundleError(
                self._path, f"change line {number} is wrong: {reason}", "bad_change", number
            ) from None


def _check_contents(path: Path | str, header: BundleHeader, changes: Sequence[Change]) -> None:
    if len(changes) != header.count:
        raise BundleError(
            path, f"holds {len(changes)} changes but its header says {header.count}", "count"
        )
    for number, change in enumerate(changes, start=1):
        if change.site_id != header.sender_site or header.first_seq is None:
            continue
        if not header.first_seq <= change.seq <= (header.last_seq or 0):
            raise BundleError(
                path,
                f"change line {number} has seq {change.seq}, outside the bundle's range "
                f"{header.first_seq}-{header.last_seq}",
                "bad_change",
                number,
            )


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdef" for char in text)
