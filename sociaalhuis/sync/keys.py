"""The key two sites share to encrypt and authenticate their sync bundles, and its key file.

A key file is a small JSON document: format name and version, the 32-byte key in hex and a
checksum over it, so a damaged or hand-edited file is refused instead of silently producing
bundles nobody can read. The fingerprint is short enough to read aloud over the phone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from pathlib import Path

from sociaalhuis.errors import SociaalHuisError

KEY_BYTES = 32
KEY_FORMAT = "sociaalhuis-sync-key"
KEY_VERSION = 1
_FINGERPRINT_TAG = b"sociaalhuis sync key fingerprint\x00"
_CHECKSUM_TAG = b"sociaalhuis sync key checksum\x00"
_MAX_FILE_BYTES = 4096


class KeyFileError(SociaalHuisError):
    """A key file that cannot be written or used; names the file and what is wrong.

    `kind` names the problem for the app's own sentence: exists, unwritable, missing,
    unreadable, not_a_key, version or damaged.
    """

    def __init__(self, path: Path | str, reason: str, kind: str = "") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.kind = kind


def new_key() -> bytes:
    """A fresh random shared key (32 bytes, for AES-256)."""
    return secrets.token_bytes(KEY_BYTES)


def fingerprint(key: bytes) -> str:
    """Sixteen letters and digits in four groups, e.g. `K3QF-7TZA-M2XW-PL5D`, to compare by
    phone; a one-way hash of the key, it reveals nothing usable about the key itself."""
    digest = hashlib.sha256(_FINGERPRINT_TAG + key).digest()[:10]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def _checksum(key: bytes) -> str:
    return hashlib.sha256(_CHECKSUM_TAG + key).hexdigest()[:16]


def write_key_file(path: Path | str, key: bytes) -> None:
    """Write `key` to a new file readable by its owner only (0600); an existing file is never
    overwritten, since replacing a key makes every bundle made with it unreadable."""
    _check_length(path, key)
    document = {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "key": key.hex(),
        "checksum": _checksum(key),
        "fingerprint": fingerprint(key),
    }
    data = (json.dumps(document, indent=2) + "\n").encode("ascii")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        reason = "already exists; a key file is never overwritten"
        raise KeyFileError(path, reason, "exists") from None
    except OSError as exc:
        raise KeyFileError(path, f"cannot be created ({exc.strerror})", "unwritable") from None
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def read_key_file(path: Path | str) -> bytes:
    """The key in a key file, or KeyFileError naming the file when it is missing, damaged,
    of another format or version, or holds a key of the wrong length."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(path, "does not exist", "missing") from None
    except OSError as exc:
        raise KeyFileError(path, f"cannot be read ({exc.strerror})", "unreadable") from None
    if len(data) > _MAX_FILE_BYTES:
        raise KeyFileError(path, "is too large to be a sync key file", "not_a_key")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyFileError(path, "is damaged: not a sync key file", "not_a_key") from None
    if not isinstance(document, dict) or document.get("format") != KEY_FORMAT:
        raise KeyFileError(path, "is not a sync key file", "not_a_key")
    if document.get("version") != KEY_VERSION:
        version = document.get("version")
        raise KeyFileError(path, f"has key file version {version!r}, not 1", "version")
    key = _decode_key(path, document.get("key"))
    if document.get("checksum") != _checksum(key):
        raise KeyFileError(path, "is damaged: the key does not match its checksum", "damaged")
    return key


def _decode_key(path: Path | str, text: object) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError(path, "is damaged: the key is missing", "damaged")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise KeyFileError(path, "is damaged: the key is not hexadecimal", "damaged") from None
    _check_length(path, key)
    return key


def _check_length(path: Path | str, key: bytes) -> None:
    if len(key) != KEY_BYTES:
        reason = f"holds a key of {len(key)} bytes; a sync key has {KEY_BYTES}"
        raise KeyFileError(path, reason, "damaged")
