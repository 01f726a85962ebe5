"""`python -m sociaalhuis backup FILE | --scheduled` and `restore FILE --to LOCATION`.

`backup` runs on the open database (the application may run meanwhile); `restore` opens no
configured database: it writes the backup into a new location. Refusals are printed in Dutch
as `storage.refusals` does, with the core's English reason, and exit 1 with nothing changed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sociaalhuis import settings
from sociaalhuis.errors import SociaalHuisError, StorageError
from sociaalhuis.storage import backup, encrypt_cli, refusals
from sociaalhuis.storage.database import Database

RESTORE = "restore"
HEADLINE_BACKUP = "De reservekopie kan niet gemaakt worden."
HEADLINE_RESTORE = "De reservekopie kan niet teruggezet worden."

# The Dutch sentence for the kinds of refusal that only backups have.
WHAT_IS_WRONG = {
    "backup_exists": "Er ligt al een bestand met die naam; een reservekopie overschrijft "
    "nooit iets. Kies een nieuwe naam.",
    "backup_missing": "Er staat geen reservekopie op die plaats.",
    "backup_damaged": "De reservekopie is beschadigd of onvolledig (ze klopt niet met haar "
    "SHA-256 of metagegevens). Neem een andere reservekopie.",
    "backup_newer": "De reservekopie is gemaakt door een nieuwere versie van Sociaal Huis. "
    "Werk het programma eerst bij.",
    "target_exists": "Op de plaats van herstel staat al een database. Kies een nieuwe naam, "
    "of sluit Sociaal Huis overal en voeg --replace toe (de oude database wordt apart gezet).",
    "target_not_empty": "De doeldatabase is niet leeg. Maak een nieuwe, lege database aan "
    "(createdb) en zet de reservekopie daarin terug.",
    "in_use": "De database is nog in gebruik. Sluit Sociaal Huis op elke computer en probeer "
    "opnieuw.",
    "no_pg_tool": "Het PostgreSQL-programma (pg_dump of pg_restore) is niet gevonden. "
    "Installeer de PostgreSQL-client of zet SOCIAALHUIS_PG_BIN op zijn map.",
    "no_backup_dir": "Er is geen map voor reservekopieën ingesteld (backup_dir in settings.toml).",
}


def add_parsers(commands: argparse._SubParsersAction) -> None:
    made = commands.add_parser(
        "backup",
        help="back up the database into FILE while it is in use, or, with --scheduled, into "
        "the backup folder of the settings when one is due (with rotation)",
    )
    made.add_argument("file", nargs="?", metavar="FILE", help="the new backup file")
    made.add_argument(
        "--scheduled",
        action="store_true",
        help="for cron or Task Scheduler: back up into backup_dir when backup_every_hours "
        "have passed, keep the newest backup_keep",
    )
    restore = commands.add_parser(
        RESTORE, help="restore a backup into a new database location, checked and migrated"
    )
    restore.add_argument("file", metavar="FILE", help="the backup file (its .meta.json beside)")
    restore.add_argument(
        "--to",
        required=True,
        metavar="LOCATION",
        help="a new SQLite file, or the URL of an empty PostgreSQL database",
    )
    restore.add_argument(
        "--replace",
        action="store_true",
        help="put the backup in the place of an existing SQLite file that nobody has open "
        "(the old file is kept aside as .replaced-TIME)",
    )


def run_backup(db: Database, args: argparse.Namespace) -> int:
    """`backup FILE` or `backup --scheduled` on the open database."""
    try:
        if args.scheduled == bool(args.file):
            raise StorageError("backup", "give either FILE or --scheduled")
        if args.file:
            info = backup.create(db, Path(args.file))
            _print_made(info)
            return 0
        done = backup.run_scheduled(db, settings.load())
    except SociaalHuisError as exc:
        return report(exc, HEADLINE_BACKUP)
    if done.made is None:
        print(f"no backup due; the next is due at {done.next_due.isoformat()}")
    else:
        _print_made(done.made)
    for removed in done.removed:
        print(f"removed (rotation): {removed}")
    return 0


def _print_made(info: backup.BackupInfo) -> None:
    print(f"backup made: {info.path} ({info.kind}, {info.size:,} bytes, {info.seconds:.1f} s)")
    print(f"schema version {info.schema_revision}, sha256 {info.sha256}")
    print(f"metadata: {backup.meta_file(info.path)}")
    if info.keys is not None:
        print(f"key file: {info.keys} (encrypted with the same key; keep it with the backup)")


def run_restore(args: argparse.Namespace) -> int:
    """`restore FILE --to LOCATION [--replace]`; no configured database is opened."""
    try:
        passphrase = encrypt_cli.given_passphrase(args)
    except encrypt_cli.PassphraseSourceError as exc:
        return encrypt_cli.report(exc)
    source = Path(args.file)
    try:
        if passphrase is None and sys.stdin.isatty() and _encrypted(source):
            passphrase = getpass.getpass("passphrase of the backup: ")
        done = backup.restore(source, args.to, replace=args.replace, passphrase=passphrase)
    except SociaalHuisError as exc:
        return report(exc, HEADLINE_RESTORE)
    print(f"restored: {source} -> {done.location} ({done.seconds:.1f} s)")
    for aside in done.kept_aside:
        print(f"kept aside: {aside}")
    if done.migrated_from is not None:
        print(
            f"the backup had schema version {done.migrated_from}; it was migrated to "
            f"{done.schema_revision}"
        )
    else:
        print(f"schema version {done.schema_revision} (the newest; no migration needed)")
    if "://" in args.to and not args.to.startswith("sqlite"):
        print("run `python -m sociaalhuis db setup-roles` on it before the application uses it")
    return 0


def _encrypted(source: Path) -> bool:
    try:
        return backup.read_meta(source).kind == "sqlite-encrypted"
    except StorageError:
        return False  # restore itself names what is wrong


def report(exc: SociaalHuisError, headline: str) -> int:
    """Print a refusal on stderr in Dutch (headline, location, what is wrong, reason)."""
    if not isinstance(exc, StorageError):
        print(f"fout: {headline}\nReden: {exc.message}\n{refusals.UNCHANGED}", file=sys.stderr)
        return 1
    lines = [headline, f"Locatie: {exc.location}"]
    dutch = WHAT_IS_WRONG.get(exc.kind) or refusals.WHAT_IS_WRONG.get(exc.kind)
    if dutch:
        lines.append(dutch)
    lines += [f"Reden: {exc.reason}", refusals.UNCHANGED]
    print("fout: " + "\n".join(lines), file=sys.stderr)
    return 1
