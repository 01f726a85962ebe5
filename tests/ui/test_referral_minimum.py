"""The referral dialog pre-selects exactly the facts the right's partner needs; ticking more
asks for a reason, which goes with the referral."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from sociaalhuis.cases.draft import IntakeDraft, MemberDraft
from sociaalhuis.catalog import loader
from ui.referral.referral_dialog import ReferralDialog

CATALOG = loader.load()
TODAY = date(2026, 11, 22)
PARTNER = "CAW Oost-Brabant"


class _Directory:
    def find(self, _actor: object, _words: str) -> list[SimpleNamespace]:
        return [
            SimpleNamespace(
                label=PARTNER,
                active=True,
                bound_by_professional_secrecy=True,
                organisation_name=PARTNER,
                organisation_id=uuid.uuid4(),
                service_id=None,
            )
        ]


class _Contacts:
    consent_id = uuid.uuid4()

    def consents_for(self, _actor: object, _household: object) -> list[SimpleNamespace]:
        return [
            SimpleNamespace(
                id=self.consent_id, partner=PARTNER, purpose="VT", given_on=TODAY, current=True
            )
        ]


def family_draft() -> IntakeDraft:
    """A family of three with every recorded yes/no fact answered: about as many facts as a
    full intake holds."""
    members = [
        MemberDraft("m1", "applicant", "Sarah", "Janssens"),
        MemberDraft("m2", "partner", "Mehmet", "Öztürk"),
        MemberDraft("m3", "child", "Lina", "Öztürk"),
    ]
    facts: dict = {}
    for key, fact in CATALOG.facts.items():
        if fact.derived or fact.type != "bool":
            continue
        owners = [m.local_id for m in members] if fact.about == "person" else [None]
        for owner in owners:
            facts[(owner, key)] = (False, "")
    return IntakeDraft(household_id=uuid.uuid4(), members=members, facts=facts)


@pytest.fixture
def dialog(qtbot: QtBot) -> ReferralDialog:
    services = SimpleNamespace(
        catalog=CATALOG, directory=_Directory(), contacts=_Contacts(), actor=None
    )
    page = SimpleNamespace(services=services, draft=family_draft())
    widget = ReferralDialog(page, CATALOG.right("verhoogde_tegemoetkoming"), TODAY)
    qtbot.addWidget(widget)
    return widget


def items(dialog: ReferralDialog) -> list:
    return [dialog.facts.item(i) for i in range(dialog.facts.count())]


def test_exactly_the_partner_needs_are_pre_selected(dialog: ReferralDialog) -> None:
    needs = set(CATALOG.right("verhoogde_tegemoetkoming").partner_needs)
    assert 3 <= len(needs) <= 8
    names = {item.data(Qt.ItemDataRole.UserRole + 1) for item in items(dialog)}
    assert len(names) >= 60  # a full intake, as in the issue (70 facts)
    chosen = dialog.chosen_facts()
    expected = {name for name in names if name.rpartition(".")[2] in needs}
    assert set(chosen) == expected and expected
    assert len(chosen) <= 3 * len(needs)  # per member at most: never a third of the intake
    assert dialog.extra_facts() == []
    assert dialog.extra_reason.isHidden()


def test_ticking_more_asks_a_reason_that_goes_with_the_referral(
    dialog: ReferralDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_args: warnings.append(text)
    )
    extra = next(item for item in items(dialog) if item.checkState() == Qt.CheckState.Unchecked)
    extra.setCheckState(Qt.CheckState.Checked)
    name = extra.data(Qt.ItemDataRole.UserRole + 1)
    assert dialog.extra_facts() == [name]
    assert not dialog.extra_reason.isHidden()

    dialog.accept()
    assert dialog.result_input is None and len(warnings) == 1

    dialog.extra_reason.setText("de partner bekijkt ook de huursituatie")
    dialog.accept()
    assert not warnings[1:]
    result = dialog.result_input
    assert result is not None and name in result.shared_facts
    assert result.extra_reason == "de partner bekijkt ook de huursituatie"
    assert result.consent_id == _Contacts.consent_id

    # Unticking it again hides the question and sends no reason.
    extra.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.extra_reason.isHidden()


def test_an_administrator_sets_a_workers_direct_line(qtbot: QtBot, db) -> None:
    from sociaalhuis.access import accounts
    from sociaalhuis.access.actors import ensure_user
    from ui.admin.users_dialog import DirectContactDialog, UsersDialog
    from ui.startup import AppContext

    with db.write() as session:
        admin = accounts.create_first_admin(
            session, "beheer", "An Beheerder", "ICT", "herent-2026-veilig"
        )
        ensure_user(session, "lien", "Lien Peeters", "social_worker")
    context = AppContext(db=db, actor=admin, user_name="An Beheerder", site="Herent")
    users = UsersDialog(context)
    qtbot.addWidget(users)
    lien = next(row for row in users.rows if row.username == "lien")
    dialog = DirectContactDialog(context, lien, users)
    qtbot.addWidget(dialog)
    dialog.email.setText("geen-adres")
    dialog.accept()
    assert "e-mail" in dialog.error.text().lower()
    assert dialog.result() != DirectContactDialog.DialogCode.Accepted
    dialog.phone.setText("016 85 30 61")
    dialog.email.setText("lien.peeters@herent.be")
    dialog.accept()
    assert dialog.result() == DirectContactDialog.DialogCode.Accepted
    users.reload()
    lien = next(row for row in users.rows if row.username == "lien")
    assert (lien.phone, lien.email) == ("016 85 30 61", "lien.peeters@herent.be")
