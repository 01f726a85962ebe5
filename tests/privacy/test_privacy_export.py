"""Subject-access export: every row about the household and its members, nothing about the
household next door with the similar name, the letters as files, a readable PDF; audited;
only the case worker or a team lead may export."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select, table, text

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cli import main
from sociaalhuis.errors import PermissionDenied
from sociaalhuis.privacy import export
from sociaalhuis.storage.models import AuditEvent, Base, Letter


def _ids(db, name: str, column: str, value: uuid.UUID) -> set[str]:
    with db.read() as session:
        found = session.execute(
            select(text("id")).select_from(table(name)).where(text(f"{column} = :v")),
            {"v": value.hex if db.is_sqlite else value},
        )
        return {str(uuid.UUID(str(row[0]))) for row in found}


def _pages(pdf: Path, out: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    texts = []
    for index, page in enumerate(document):
        page.render(scale=1.5).to_pil().save(out / f"page-{index + 1}.png")
        texts.append(page.get_textpage().get_text_range())
    return texts


def test_the_export_holds_every_row_about_the_household_and_none_of_the_other(
    db, lead, world, tmp_path
):
    out = tmp_path / "inzage"
    result = export.export(db, lead, out, household_id=world.first)
    document = json.loads((out / export.JSON_FILE).read_text("utf-8"))
    tables = document["tables"]
    checked = 0
    for model in Base.metadata.sorted_tables:
        if "household_id" not in model.c or model.name in export.SKIPPED:
            continue
        if model.name in export.AUDIT_TABLES:
            continue
        exported = {row["id"] for row in tables.get(model.name, [])} if "id" in model.c else None
        if exported is not None:
            assert exported == _ids(db, model.name, "household_id", world.first), model.name
            checked += bool(exported)
    assert checked >= 8  # members, facts, contacts, consents, decisions, referrals, letters…
    flat = json.dumps(tables, ensure_ascii=False)
    assert str(world.second) not in flat and 'Sara Janssen"' not in flat
    assert "Janssen" not in flat.replace("Janssens", "")
    assert {p["given_name"] for p in tables["persons"]} == {"Sarah", "Mehmet", "Lina"}
    assert tables["contact_notes"][0]["text"].startswith("Sarah vertelt")
    actions = {e["action"] for e in tables["audit_events"]}
    assert {"contact.recorded", "letter.printed"} <= actions
    with db.read() as session:
        letter_id, pdf = session.execute(select(Letter.id, Letter.pdf)).one()
        exported_events = session.execute(
            select(AuditEvent.entity_id, AuditEvent.user_id).where(
                AuditEvent.action == "privacy.exported"
            )
        ).all()
    assert (out / export.LETTERS_FOLDER / f"{letter_id}.pdf").read_bytes() == pdf
    assert exported_events == [(world.first, lead.user_id)]
    assert result.counts["persons"] == 3
    pages = _pages(out / export.PDF_FILE, tmp_path)
    whole = "\n".join(pages)
    assert "Uw gegevens bij het Sociaal Huis" in whole and "Sarah Janssens" in whole
    assert "CAW Oost-Brabant" in whole and "Veltemdorp 7" in whole
    assert "Sara Janssen\n" not in whole and "Veltemdorp 9" not in whole


def test_the_export_by_national_number_finds_the_persons_households(db, lead, world, tmp_path):
    result = export.export(db, lead, tmp_path / "p", person_number=world.number)
    document = json.loads((result.folder / export.JSON_FILE).read_text("utf-8"))
    assert document["subject"]["households"] == [str(world.first)]


def test_only_the_case_worker_or_a_lead_may_export(db, actor, admin, world, tmp_path):
    export.export(db, actor, tmp_path / "own", household_id=world.first)  # her own case
    with db.write() as session:
        other = ensure_user(session, "bram", "Bram Collega", "social_worker")
    for refused in (other, admin):  # an administrator manages accounts, not client files
        with pytest.raises(PermissionDenied):
            export.export(db, refused, tmp_path / "other", household_id=world.first)
    assert not (tmp_path / "other" / export.JSON_FILE).exists()
    with db.read() as session:
        count = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "privacy.exported")
        ).all()
    assert len(count) == 1


def test_the_command_exports_and_refuses_bad_input_in_one_line(
    db, database_url, world, tmp_path, capsys
):
    out = tmp_path / "cli"
    args = ["--database", database_url, "privacy", "export", "--household", str(world.first)]
    assert main([*args, "--out", str(out)]) == 0
    assert "exported" in capsys.readouterr().out
    assert (out / export.PDF_FILE).exists()
    assert main([*args, "--out", str(out)]) == 1  # not an empty folder
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not an empty folder" in error
    missing = ["--database", database_url, "privacy", "export", "--household", str(uuid.uuid4())]
    assert main([*missing, "--out", str(tmp_path / "x")]) == 1
    assert "does not exist" in capsys.readouterr().err
