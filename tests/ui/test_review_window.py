"""The team lead's review window: paged lists equal to the service's, filters chosen with keys,
remembered filters, follow-ups, export, charts, catalog impact and opening a case."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import load
from sociaalhuis.review import lists
from sociaalhuis.review.lists import ReviewFilters, ReviewRow
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from ui.review.review_model import PAGE, ReviewModel
from ui.review.review_window import ReviewWindow
from ui.startup import AppContext
from ui.window_settings import WindowSettings

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=TODAY)


@pytest.fixture
def lead(db: Database, catalog: Catalog) -> Actor:
    """60 demo households screened on TODAY, so stored findings exist; a team lead acts."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        lead = ensure_user(session, "teamlead", "Tine Lead", "team_lead")
        ensure_user(session, "jonas", "Jonas Maes", "social_worker")
    load(db, system, households=60, seed=2026, today=TODAY)
    run_screen(db, catalog, TODAY)
    return lead


@pytest.fixture
def review(
    qtbot: QtBot, db: Database, lead: Actor, catalog: Catalog, dutch: QApplication
) -> Iterator[ReviewWindow]:
    context = AppContext(db=db, actor=lead, user_name="Tine Lead", site="Herent")
    window = ReviewWindow(context, catalog, TODAY, WindowSettings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    yield window
    window.close()
    window.background.wait()  # the database closes after the test


def settle(qtbot: QtBot, window: ReviewWindow) -> None:
    """Wait for the counts and charts the window reads in the background."""
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)


def everything(
    db: Database, lead: Actor, catalog: Catalog, which: str, filters: ReviewFilters
) -> list[ReviewRow]:
    return lists.review(db, lead, catalog, which, filters, limit=100_000, today=TODAY)


def row(number: int) -> ReviewRow:
    return ReviewRow(
        "eligible",
        uuid.UUID(int=number),
        f"Client {number}",
        "Herent",
        "",
        "leefloon",
        "Leefloon",
        "federal",
        "OCMW",
        Decimal(number),
        (),
        None,
        "",
    )


def test_the_model_fetches_pages_of_200_rows_as_the_view_asks(qapp: QApplication) -> None:
    rows = [row(number) for number in range(450)]
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list[ReviewRow]:
        asked.append((offset, limit))
        return rows[offset : offset + limit]

    model = ReviewModel(fetch)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE == 200
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert asked == [(0, 200), (200, 200), (400, 200)]
    assert model.rows == tuple(rows)
    assert model.index(3, 5).data() == "€ 3,00"
    assert model.index(3, 5).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_the_list_shows_exactly_the_services_rows_page_by_page(
    review: ReviewWindow, db: Database, lead: Actor, catalog: Catalog
) -> None:
    expected = everything(db, lead, catalog, "eligible", ReviewFilters())
    assert len(expected) > PAGE  # so paging is exercised
    assert review.model.rowCount() == PAGE
    review.table.scrollToBottom()
    QApplication.processEvents()
    assert review.model.fetch_all() == tuple(expected)
    counts = lists.counts(db, lead, catalog, today=TODAY)
    assert review.list_bar.tabText(0) == f"Recht, geen beslissing ({counts['eligible']})"
    first = expected[0]
    assert review.model.index(0, 0).data() == first.applicant
    assert review.model.index(0, 2).data() == first.right_name


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry the keyboard way: focus the combo, then press Down until it shows."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not in the combo")


def test_filters_chosen_with_keys_combine_and_change_the_list_and_counts(
    review: ReviewWindow, qtbot: QtBot, db: Database, lead: Actor, catalog: Catalog
) -> None:
    before = review.list_bar.tabText(0)
    choose(qtbot, review.filter_bar.combos["deelgemeente"], "Winksele")
    choose(qtbot, review.filter_bar.combos["level"], "Vlaams")
    settle(qtbot, review)
    filters = ReviewFilters(deelgemeente="Winksele", level="flemish")
    assert review.filter_bar.filters() == filters
    expected = everything(db, lead, catalog, "eligible", filters)
    assert expected and review.model.fetch_all() == tuple(expected)
    assert all(r.deelgemeente == "Winksele" and r.level == "flemish" for r in expected)
    counts = lists.counts(db, lead, catalog, filters, today=TODAY)
    assert review.list_bar.tabText(0) != before
    assert review.list_bar.tabText(1).endswith(f"({counts['possible']})")
    # A second list under the same filters.
    qtbot.keyClick(review, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert review.which == "possible"
    assert review.model.fetch_all() == tuple(everything(db, lead, catalog, "possible", filters))


def test_the_filters_are_remembered_when_the_window_opens_again(
    review: ReviewWindow, qtbot: QtBot, db: Database, lead: Actor, catalog: Catalog
) -> None:
    choose(qtbot, review.filter_bar.combos["deelgemeente"], "Veltem-Beisem")
    choose(qtbot, review.filter_bar.combos["household_type"], "alleenstaande ouder")
    review.close()
    context = AppContext(db=db, actor=lead, user_name="Tine Lead", site="Herent")
    again = ReviewWindow(context, catalog, TODAY, WindowSettings())
    qtbot.addWidget(again)
    assert again.filter_bar.filters() == ReviewFilters(
        deelgemeente="Veltem-Beisem", household_type="single_parent"
    )
    assert again.model.fetch_all() == tuple(
        everything(db, lead, catalog, "eligible", again.filter_bar.filters())
    )
    again.background.wait()


def test_a_follow_up_assigned_to_two_selected_rows_is_stored(
    review: ReviewWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    lead: Actor,
    catalog: Catalog,
) -> None:
    from ui.review import follow_up_dialog

    review.table.setFocus()
    review.table.selectRow(0)
    qtbot.keyClick(review.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = review.selected_rows()
    assert len(chosen) == 2

    def fill_in(dialog: follow_up_dialog.FollowUpDialog) -> int:
        dialog.worker.setCurrentIndex(dialog.worker.findText("Jonas Maes"))
        dialog.due.setDate(dialog.due.date().addDays(7))
        dialog.note.setPlainText("Even bellen over de aanvraag")
        return follow_up_dialog.FollowUpDialog.DialogCode.Accepted

    monkeypatch.setattr(follow_up_dialog.FollowUpDialog, "exec", fill_in)
    review.follow_up_button.click()
    due = date(2026, 12, 24)  # 14 days by default, a week later chosen
    shown = {
        (r.household_id, r.right_id): r
        for r in everything(db, lead, catalog, "eligible", ReviewFilters())
    }
    for picked in chosen:
        assert shown[(picked.household_id, picked.right_id)].follow_up_on == due


def test_the_export_holds_exactly_the_rows_shown(
    review: ReviewWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    choose(qtbot, review.filter_bar.combos["deelgemeente"], "Herent")
    shown = review.model.fetch_all()
    assert shown
    target = tmp_path / "lijst.xlsx"
    assert review.export_to(target)
    book = openpyxl.load_workbook(target, read_only=True)
    lines = list(book["Lijst"].iter_rows(values_only=True))
    header = list(lines[0])
    applicant, right, household = (
        header.index("Aanvrager"),
        header.index("Recht (code)"),
        header.index("Gezin (id)"),
    )
    written = [(line[applicant], line[right], line[household]) for line in lines[1:]]
    assert written == [(r.applicant, r.right_id, str(r.household_id)) for r in shown]
    about = {line[0]: line[1] for line in book["Filters"].iter_rows(values_only=True)}
    assert "Herent" in about.values()
    csv_target = tmp_path / "lijst.csv"
    assert review.export_to(csv_target)
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_charts_render_and_save_as_png(
    review: ReviewWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    review.tabs.setCurrentWidget(review.charts)
    qtbot.waitUntil(lambda: bool(review.charts.bars.rows), timeout=10_000)
    assert review.charts.trend.points
    # One stacked bar per right: the kinds of action, then the eligible without one.
    (bars,) = review.charts.bars.chart().series()
    parts = bars.barSets()
    assert [part.label() for part in parts] == [
        "toegekend",
        "aangevraagd",
        "doorverwezen",
        "ontvangt al",
        "recht, nog geen actie",
    ]
    rows = review.charts.bars.rows
    assert parts[0].count() == len(rows)
    for position, row in enumerate(reversed(rows)):  # the first category is drawn lowest
        total = sum(part.at(position) for part in parts)
        assert total == max(row.eligible, row.acted_on), row.right_id
    (opened, acted) = review.charts.trend.chart().series()
    points = review.charts.trend.points
    assert [opened.at(i).y() for i in range(opened.count())] == [p[1] for p in points]
    assert [acted.at(i).y() for i in range(acted.count())] == [p[2] for p in points]
    target = tmp_path / "benutting.png"
    assert review.charts.save_png(target)
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 300 and image.height() > 300


def test_enter_on_a_row_asks_to_open_its_case(review: ReviewWindow, qtbot: QtBot) -> None:
    review.table.setFocus()
    review.table.setCurrentIndex(review.model.index(2, 0))
    with qtbot.waitSignal(review.open_requested, timeout=1000) as signal:
        qtbot.keyClick(review.table, Qt.Key.Key_Return)
    assert signal.args == [review.model.row_at(2).household_id]


def test_the_impact_of_another_catalog_is_shown_and_exported(
    review: ReviewWindow, tmp_path: Path, catalog: Catalog
) -> None:
    other = tmp_path / "catalogus"
    shutil.copytree(Path(catalog.folder), other)
    header = other / "catalog.toml"
    header.write_text(
        header.read_text(encoding="utf-8").replace('version = "', 'version = "next-'),
        encoding="utf-8",
    )
    # A far higher income limit for the verhoogde tegemoetkoming: some households gain it.
    with (other / "parameters" / "federal.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[[parameter.vt_income_limit.period]]\n"
            f"valid_from = {TODAY}\n"
            f"verified_on = {TODAY}\n"
            'value = "60000.00"\n'
            'source = "test: a raised limit"\n'
        )
    review.tabs.setCurrentWidget(review.impact)
    review.impact.folder.setText(str(other))
    review.impact.run()
    assert review.impact.result is not None
    changes = review.impact.result.changes
    assert any(c.right_id == "verhoogde_tegemoetkoming" and c.kind == "gain" for c in changes)
    assert review.impact.model.rowCount() == len(changes)
    assert "erbij" in review.impact.summary.text()
    target = tmp_path / "impact.csv"
    assert review.impact.export(target)
    assert target.read_text(encoding="utf-8").count("\n") == len(changes) + 1


def test_show_review_opens_a_case_through_the_callback(
    qtbot: QtBot, db: Database, lead: Actor, dutch: QApplication
) -> None:
    from ui.review.review_window import show_review

    opened: list[uuid.UUID] = []
    context = AppContext(db=db, actor=lead, user_name="Tine Lead", site="Herent")
    window = show_review(None, context, opened.append)
    qtbot.addWidget(window)
    assert window.isVisible() and window.windowTitle() == "Onderbescherming"
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Enter)
    assert opened == [window.model.row_at(0).household_id]
    window.background.wait()


def test_a_social_worker_is_refused_and_sees_no_rows(
    qtbot: QtBot,
    db: Database,
    lead: Actor,
    catalog: Catalog,
    dutch: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.review import review_window

    with db.write() as session:
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    told: list[str] = []
    monkeypatch.setattr(
        review_window.QMessageBox, "warning", lambda _parent, _title, text: told.append(text)
    )
    context = AppContext(db=db, actor=worker, user_name="Lien Peeters", site="Herent")
    window = ReviewWindow(context, catalog, TODAY, WindowSettings())
    qtbot.addWidget(window)
    assert told == ["Uw rol mag de onderbescherming niet bekijken."]
    assert window.model.rowCount() == 0


def test_keyboard_first_mnemonics_reach_the_filters_and_buttons(
    review: ReviewWindow, qtbot: QtBot
) -> None:
    review.activateWindow()
    qtbot.keyClick(review, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert review.focusWidget() is review.filter_bar.combos["deelgemeente"]
    qtbot.keyClick(review, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert review.focusWidget() is review.filter_bar.combos["right"]
    qtbot.keyClick(review, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert review.list_bar.currentIndex() == 2 and review.which == "overdue"
