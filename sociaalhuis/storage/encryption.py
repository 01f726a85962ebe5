"""The data key of an encrypted SQLite database and its key file (`<database>.keys`).

A random 32-byte data key encrypts the database (SQLCipher, raw key). The key file beside it
holds that key twice, each time wrapped with AES-256-GCM: once by a key derived from the
user's passphrase with Argon2id (random salt, parameters stored), once by a key derived from
the recovery key the security officer keeps. Nothing in the file is secret in clear; the
purpose and the Argon2id parameters are the associated data, so a changed parameter or a
swapped wrap is refused. Changing the passphrase rewraps the key; the database is untouched.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sociaalhuis.errors import StorageError

KEYS_SUFFIX = ".keys"
FORMAT = "sociaalhuis-database-keys"
VERSION = 1
DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
# Argon2id, 64 MiB, 5 passes, 1 lane: 0.3-0.5 s on the antennepost laptop class (measured
# 0.35-0.5 s on 2 shared cores); parameters are stored, so a later change keeps old files.
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_TIME_COST = 5
ARGON2_PARALLELISM = 1
# A forged key file must not make opening take minutes or all memory.
MAX_MEMORY_KIB = 1024 * 1024
MAX_TIME_COST = 20
# Crockford's base32: no I, L, O or U, so a key read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_BYTES = 20  # 160 bits: 32 characters in 8 groups of 4
MIN_PASSPHRASE = 10


def keys_file(database: Path) -> Path:
    """The key file that belongs beside `database`."""
    return database.with_name(database.name + KEYS_SUFFIX)


@dataclass(frozen=True)
class NewKeys:
    """A fresh data key, its key file contents and the recovery key to show once."""

    data_key: bytes
    recovery_key: str
    document: dict[str, Any]


def new_keys(passphrase: str) -> NewKeys:
    """A random data key wrapped by `passphrase` and by a new recovery key."""
    check_passphrase(passphrase)
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    recovery = secrets.token_bytes(RECOVERY_BYTES)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "cipher": "sqlcipher4-raw-key",
        "passphrase": _wrap_passphrase(data_key, passphrase),
        "recovery": _wrap("recovery", _recovery_wrapping_key(recovery), data_key, {}),
    }
    return NewKeys(data_key, format_recovery_key(recovery), _with_check(document))


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to resist guessing on a stolen laptop."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise StorageError(
            "passphrase", f"is too short: at least {MIN_PASSPHRASE} characters", "weak_passphrase"
        )


def unlock(path: Path, passphrase: str) -> bytes:
    """The data key from the key file at `path`, unwrapped with the passphrase."""
    document = read(path)
    entry = document["passphrase"]
    return _unwrap(path, "passphrase", _passphrase_key(passphrase, entry["kdf"]), entry)


def unlock_with_recovery(path: Path, recovery_key: str) -> bytes:
    """The data key from the key file at `path`, unwrapped with the recovery key."""
    document = read(path)
    try:
        recovery = parse_recovery_key(recovery_key)
    except ValueError:
        raise StorageError(
            str(path), "this is not a recovery key (32 letters and digits)", "wrong_passphrase"
        ) from None
    return _unwrap(path, "recovery", _recovery_wrapping_key(recovery), document["recovery"])


def change_passphrase(path: Path, data_key: bytes, new_passphrase: str) -> None:
    """Rewrap the data key under `new_passphrase`; the recovery wrap and the database stay."""
    check_passphrase(new_passphrase)
    document = read(path)
    document["passphrase"] = _wrap_passphrase(data_key, new_passphrase)
    write(path, _with_check(document), replace=True)


def write(path: Path, document: dict[str, Any], *, replace: bool = False) -> None:
    """Write the key file atomically (a temporary file, synced, then renamed)."""
    if path.exists() and not replace:
        raise StorageError(str(path), "a key file is already there; it was left untouched")
    temporary = path.with_name(path.name + ".new")
    data = json.dumps(document, indent=2, sort_keys=True).encode()
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)


def read(path: Path) -> dict[str, Any]:
    """The key file's contents, checked for shape and accidental damage."""
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise StorageError(str(path), "the key file is missing", "damaged_keys") from None
    except (OSError, ValueError) as exc:
        raise _damaged(path, f"it cannot be read ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _damaged(path, "it is not a Sociaal Huis key file")
    if document.get("version") != VERSION:
        raise _damaged(path, f"its version {document.get('version')!r} is unknown here")
    if document.get("check") != checksum(document):
        raise _damaged(path, "its contents do not match its checksum")
    for purpose in ("passphrase", "recovery"):
        entry = document.get(purpose)
        if not isinstance(entry, dict) or not {"nonce", "wrapped"} <= entry.keys():
            raise _damaged(path, f"its {purpose} entry is incomplete")
    kdf = document["passphrase"].get("kdf")
    if not _sane_kdf(kdf):
        raise _damaged(path, f"its Argon2id parameters are not acceptable ({kdf!r})")
    return document


def format_recovery_key(raw: bytes) -> str:
    """`raw` in Crockford base32, groups of four separated by dashes."""
    number = int.from_bytes(raw, "big")
    chars = [ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(len(raw) * 8 // 5))]
    text = "".join(chars)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The bytes of a recovery key typed with or without dashes, spaces or lower case."""
    cleaned = text.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(c not in ALPHABET for c in cleaned):
        raise ValueError("not a recovery key")
    number = 0
    for char in cleaned:
        number = number << 5 | ALPHABET.index(char)
    return number.to_bytes(RECOVERY_BYTES, "big")


def _wrap_passphrase(data_key: bytes, passphrase: str) -> dict[str, Any]:
    kdf = {
        "name": "argon2id",
        "salt": _b64(secrets.token_bytes(SALT_BYTES)),
        "memory_kib": ARGON2_MEMORY_KIB,
        "time_cost": ARGON2_TIME_COST,
        "parallelism": ARGON2_PARALLELISM,
    }
    return _wrap("passphrase", _passphrase_key(passphrase, kdf), data_key, {"kdf": kdf})


def _passphrase_key(passphrase: str, kdf: dict[str, Any]) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        base64.b64decode(kdf["salt"]),
        time_cost=kdf["time_cost"],
        memory_cost=kdf["memory_kib"],
        parallelism=kdf["parallelism"],
        hash_len=32,
        type=Type.ID,
    )


def _recovery_wrapping_key(recovery: bytes) -> bytes:
    # The recovery key is already 160 random bits: a fast derivation is enough.
    hkdf = HKDF(hashes.SHA256(), 32, salt=None, info=f"{FORMAT}/recovery".encode())
    return hkdf.derive(recovery)


def _associated(purpose: str, extra: dict[str, Any]) -> bytes:
    return json.dumps([FORMAT, VERSION, purpose, extra], sort_keys=True).encode()


def _wrap(purpose: str, key: bytes, data_key: bytes, extra: dict[str, Any]) -> dict[str, Any]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(key).encrypt(nonce, data_key, _associated(purpose, extra))
    return {**extra, "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _unwrap(path: Path, purpose: str, key: bytes, entry: dict[str, Any]) -> bytes:
    extra = {"kdf": entry["kdf"]} if purpose == "passphrase" else {}
    try:
        nonce = base64.b64decode(entry["nonce"], validate=True)
        wrapped = base64.b64decode(entry["wrapped"], validate=True)
        data_key = AESGCM(key).decrypt(nonce, wrapped, _associated(purpose, extra))
    except InvalidTag:
        what = "passphrase" if purpose == "passphrase" else "recovery key"
        raise StorageError(
            str(path),
            f"the {what} is wrong (or the key file was altered); nothing was changed",
            "wrong_passphrase",
        ) from None
    except (ValueError, TypeError) as exc:
        raise _damaged(path, f"its {purpose} entry cannot be decoded ({exc})") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise _damaged(path, "it holds a key of the wrong length")
    return data_key


def _sane_kdf(kdf: object) -> bool:
    if not isinstance(kdf, dict) or kdf.get("name") != "argon2id":
        return False
    numbers = [kdf.get("memory_kib"), kdf.get("time_cost"), kdf.get("parallelism")]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return False
    memory, time_cost, lanes = numbers
    return 8 * lanes <= memory <= MAX_MEMORY_KIB and 1 <= time_cost <= MAX_TIME_COST and lanes < 64


def checksum(document: dict[str, Any]) -> str:
    """The SHA-256 of the key file's contents without its own `check` field."""
    # Catches a truncated or bit-flipped file with a clear message; a deliberate forgery is
    # caught by AES-GCM instead, and a key that opens nothing by SQLCipher's page checks.
    body = {key: value for key, value in document.items() if key != "check"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _with_check(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "check": checksum(document)}


def _damaged(path: Path, detail: str) -> StorageError:
    return StorageError(
        str(path),
        f"the key file cannot be used: {detail}; nothing was changed; restore it from a backup",
        "damaged_keys",
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (fsync the folder itself where the system can)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every system; the file itself was synced
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
