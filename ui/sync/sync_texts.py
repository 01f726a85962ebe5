"""The sync window's sentences: what a sync, an export or an import did, and why one was
refused, in the user's language from the core's reports and error kinds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from sociaalhuis.errors import SociaalHuisError, StorageError
from sociaalhuis.sync.bundle import BundleError
from sociaalhuis.sync.export import Summary
from sociaalhuis.sync.keys import KeyFileError
from sociaalhuis.sync.receive import ReceiveReport
from sociaalhuis.sync.snapshot import SnapshotReport
from sociaalhuis.sync.transport import ImportSummary, SyncError, SyncSummary
from ui.startup_errors import storage_reason

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate


def _n(value: int) -> str:
    return QLocale().toString(value)


def received_text(report: ReceiveReport) -> str:
    """What the receiving database did with the changes it was sent."""
    text = translate(
        "SyncTexts",
        "Received and applied: {applied}. Waiting for earlier changes: {pending}. "
        "New conflicts: {new} (open: {open}).",
    ).format(
        applied=_n(report.applied),
        pending=_n(report.pending),
        new=_n(len(report.new_conflicts)),
        open=_n(report.open_conflicts),
    )
    if report.duplicates:
        text += " " + translate("SyncTexts", "Already received before: {count}.").format(
            count=_n(report.duplicates)
        )
    return text


def taken_text(report: SnapshotReport) -> str:
    """What the laptop's own copy of its caseload changed."""
    text = translate(
        "SyncTexts",
        "Records updated: {written}, removed from this laptop: {removed}, kept with unsent "
        "changes: {kept}.",
    ).format(written=_n(report.written), removed=_n(report.removed), kept=_n(report.kept_unsent))
    if report.households_removed:
        text += " " + translate(
            "SyncTexts", "Cases no longer assigned to this laptop: {count}."
        ).format(count=_n(report.households_removed))
    if report.in_conflict:
        text += " " + translate("SyncTexts", "Records in conflict: {count}.").format(
            count=_n(report.in_conflict)
        )
    if report.users_skipped:
        text += " " + translate(
            "SyncTexts", "Accounts not taken over (same name, other account): {names}."
        ).format(names=", ".join(report.users_skipped))
    return text


def direct_text(summary: SyncSummary) -> str:
    """The summary after a direct sync with the central database."""
    parts = [translate("SyncTexts", "Sent: {count} changes.").format(count=_n(summary.sent))]
    if summary.received is not None:
        parts.append(received_text(summary.received))
    if summary.taken is not None:
        parts.append(taken_text(summary.taken))
    return "\n".join(parts)


def export_text(summary: Summary) -> str:
    """The summary after the laptop's changes were written to a bundle."""
    if summary.header is None:
        return translate("SyncTexts", "There are no new changes to send; no file was written.")
    return translate("SyncTexts", "Exported to {file}: {count} changes.").format(
        file=summary.path, count=_n(summary.count)
    )


def import_text(summary: ImportSummary) -> str:
    """The summary after a bundle was taken in."""
    parts = [translate("SyncTexts", "Bundle {file} read.").format(file=summary.path)]
    if summary.received is not None:
        parts.append(received_text(summary.received))
    if summary.taken is not None:
        parts.append(taken_text(summary.taken))
    return "\n".join(parts)


def snapshot_text(path: str, laptop: str, rows: int) -> str:
    """The summary after a snapshot bundle was made for a laptop."""
    return translate("SyncTexts", "Bundle for {laptop} written to {file}: {count} records.").format(
        laptop=laptop, file=path, count=_n(rows)
    )


def bundle_reason(exc: BundleError) -> str:
    """Why a bundle was refused or could not be written, by the core's kind."""
    reasons = {
        "not_a_bundle": translate("SyncTexts", "The file is not a sync bundle."),
        "version": translate(
            "SyncTexts", "The bundle was made by a newer version of Sociaal Huis."
        ),
        "wrong_key": translate(
            "SyncTexts", "The bundle was made with another key than the chosen key file."
        ),
        "damaged": translate(
            "SyncTexts", "The bundle is damaged or was changed after it was made."
        ),
        "truncated": translate("SyncTexts", "The bundle is incomplete: the file was cut off."),
        "appended": translate("SyncTexts", "Something was added to the bundle after it was made."),
        "bad_change": translate("SyncTexts", "The bundle holds a change that is not valid."),
        "count": translate("SyncTexts", "The bundle holds another number of changes than it says."),
        "sender_epoch": translate("SyncTexts", "The bundle's header is not valid."),
        "unwritable": translate("SyncTexts", "The file cannot be written there."),
    }
    return reasons.get(exc.kind, exc.reason)


def key_reason(exc: KeyFileError) -> str:
    """Why a key file cannot be used, by the core's kind."""
    reasons = {
        "missing": translate("SyncTexts", "The file does not exist."),
        "unreadable": translate("SyncTexts", "The file cannot be read."),
        "not_a_key": translate("SyncTexts", "The file is not a sync key file."),
        "version": translate(
            "SyncTexts", "The key file was made by a newer version of Sociaal Huis."
        ),
        "damaged": translate(
            "SyncTexts", "The key file is damaged; ask for a copy of the shared key file."
        ),
    }
    return reasons.get(exc.kind, exc.reason)


def sync_reason(exc: SyncError) -> str:
    """Why a sync or an import was refused, by the core's kind."""
    reasons = {
        "not_laptop": translate("SyncTexts", "This database is not a laptop."),
        "not_central": translate(
            "SyncTexts", "The other database is not the central database of the office."
        ),
        "own_bundle": translate("SyncTexts", "This bundle was made by this database itself."),
        "snapshot_here": translate(
            "SyncTexts", "This bundle is meant for a laptop; read it in on that laptop."
        ),
        "to_central": translate(
            "SyncTexts",
            "This bundle holds a laptop's changes; read it in at the central database.",
        ),
        "catalog": translate(
            "SyncTexts", "The catalog of rights shipped with the program cannot be loaded."
        ),
    }
    return reasons.get(exc.kind, exc.message)


def error_text(exc: BaseException, subject: str = "") -> str:
    """A refused or failed sync step as one sentence naming the file or database, and that
    nothing was changed (the core takes a delivery in one transaction or not at all)."""
    unchanged = translate("SyncTexts", "Nothing was changed.")
    if isinstance(exc, BundleError):
        where = translate("SyncTexts", "Bundle {file}:").format(file=exc.path)
        return f"{where} {bundle_reason(exc)} {unchanged}"
    if isinstance(exc, KeyFileError):
        where = translate("SyncTexts", "Key file {file}:").format(file=exc.path)
        return f"{where} {key_reason(exc)} {unchanged}"
    if isinstance(exc, SyncError):
        prefix = f"{subject}: " if subject else ""
        return f"{prefix}{sync_reason(exc)} {unchanged}"
    if isinstance(exc, StorageError):
        where = translate("SyncTexts", "Database {location}:").format(location=exc.location)
        return f"{where} {storage_reason(exc)} {unchanged}"
    if isinstance(exc, SociaalHuisError):
        refused = translate("SyncTexts", "Refused:")
        return f"{refused} {exc.message} {unchanged}"
    failed = translate("SyncTexts", "The synchronisation stopped with an error:")
    return f"{failed} {type(exc).__name__}: {exc} {unchanged}"
