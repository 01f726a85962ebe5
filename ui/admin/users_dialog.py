"""The administrator's accounts window: list, add, switch off, set a new password, and the
direct phone and e-mail printed beside a worker's signature."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import accounts
from sociaalhuis.errors import NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.storage.models import utcnow
from ui.startup import AppContext
from ui.widgets.forms import dialog_buttons, error_label, label_inputs
from ui.widgets.inputs import guard_text

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate


def role_names() -> dict[str, str]:
    return {
        "intake": translate("UsersDialog", "Intake desk (onthaal)"),
        "social_worker": translate("UsersDialog", "Social worker"),
        "team_lead": translate("UsersDialog", "Team lead"),
        "admin": translate("UsersDialog", "Administrator"),
    }


def _problem(error: Exception) -> str:
    """What to fix, in the user's language, from the field the service names."""
    if isinstance(error, PermissionDenied):
        return translate("UsersDialog", "Only an administrator may manage accounts.")
    if isinstance(error, NotFoundError):
        return translate("UsersDialog", "This account no longer exists.")
    assert isinstance(error, ValidationError)
    if error.field == "username" and "already taken" in error.reason:
        return translate("UsersDialog", "This user name is taken already; choose another.")
    if error.field == "username" and "last active administrator" in error.reason:
        return translate(
            "UsersDialog", "This is the last active administrator; add another one first."
        )
    explanations = {
        "username": translate(
            "UsersDialog",
            "Choose a user name of 2 to 80 characters: letters, digits, '.', '_' or '-'.",
        ),
        "display_name": translate("UsersDialog", "Fill in the name (at most 200 characters)."),
        "function_title": translate(
            "UsersDialog", "Fill in the function title; it is printed on letters."
        ),
        "role": translate("UsersDialog", "Choose a role."),
        "phone": translate(
            "UsersDialog", "A phone number has only digits, spaces and + ( ) . / -."
        ),
        "email": translate("UsersDialog", "This is not an e-mail address (name@domain.be)."),
    }
    return explanations.get(
        error.field,
        translate(
            "UsersDialog",
            "The password needs at least {minimum} characters and must differ from the user name.",
        ).format(minimum=accounts.MIN_PASSWORD),
    )


class UsersDialog(QDialog):
    """Every account with its role and state; changes go through the accounts service."""

    COLUMNS = 5

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Accounts"))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Function"),
                self.tr("State"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.off_button = QPushButton(self.tr("Switch &off…"))
        self.password_button = QPushButton(self.tr("New &password…"))
        self.contact_button = QPushButton(self.tr("Direct &contact…"))
        close = QPushButton(self.tr("Close"))
        self.add_button.clicked.connect(self.add)
        self.off_button.clicked.connect(self.switch_off)
        self.password_button.clicked.connect(self.new_password)
        self.contact_button.clicked.connect(self.direct_contact)
        close.clicked.connect(self.accept)
        self.error = error_label()
        row = QHBoxLayout()
        for button in (
            self.add_button,
            self.off_button,
            self.password_button,
            self.contact_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.resize(760, 420)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        with self.context.db.read() as session:
            self.rows = accounts.list_users(session)
        names = role_names()
        now = utcnow()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            if not row.active:
                state = self.tr("switched off")
            elif row.locked_until is not None and row.locked_until > now:
                state = self.tr("locked for a while")
            else:
                state = self.tr("active")
            values = (
                row.username,
                row.display_name,
                names.get(row.role, row.role),
                row.function_title,
                state,
            )
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)

    def selected(self) -> accounts.Account | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def add(self) -> None:
        dialog = AccountDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def switch_off(self) -> None:
        account = self.selected()
        if account is None or not account.active:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Switch off account"),
            self.tr("Switch off the account of {name} ({user})? They can no longer log in.").format(
                name=account.display_name, user=account.username
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.context.db.write() as session:
                accounts.deactivate_user(session, self.context.actor, account.username)
        except (ValidationError, PermissionDenied, NotFoundError) as error:
            self._show(_problem(error))
            return
        self.reload()

    def new_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = PasswordDialog(self.context, account.username, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def direct_contact(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = DirectContactDialog(self.context, account, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class DirectContactDialog(QDialog):
    """The direct phone and e-mail printed beside one worker's signature; left empty, letters
    give the Sociaal Huis's."""

    def __init__(
        self, context: AppContext, account: accounts.Account, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.username = account.username
        self.setWindowTitle(self.tr("Direct contact of {name}").format(name=account.display_name))
        self.phone = guard_text(QLineEdit(account.phone), 40)
        self.email = guard_text(QLineEdit(account.email), 120)
        form = QFormLayout()
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&E-mail:"), self.email)
        self.error = error_label()
        buttons = dialog_buttons(self, self.tr("&Save"), self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.phone.setFocus()
        label_inputs(self)

    def accept(self) -> None:
        try:
            with self.context.db.write() as session:
                accounts.set_contact(
                    session, self.context.actor, self.username, self.phone.text(), self.email.text()
                )
        except (ValidationError, PermissionDenied, NotFoundError) as error:
            self.error.setText(_problem(error))
            self.error.show()
            return
        super().accept()


class AccountDialog(QDialog):
    """A new account: name, function title, user name, role, password twice."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("New account"))
        self.display_name = guard_text(QLineEdit())
        self.function_title = guard_text(QLineEdit(), 200)
        self.username = guard_text(QLineEdit(), 80)
        self.role = QComboBox()
        for role, name in role_names().items():
            self.role.addItem(name, role)
        self.role.setCurrentIndex(self.role.findData("social_worker"))
        self.password = guard_text(QLineEdit(), accounts.MAX_PASSWORD)
        self.repeat = guard_text(QLineEdit(), accounts.MAX_PASSWORD)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.display_name)
        form.addRow(self.tr("&Function title:"), self.function_title)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.repeat)
        self.error = error_label()
        buttons = dialog_buttons(self, self.tr("&Add"), self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.display_name.setFocus(Qt.FocusReason.OtherFocusReason)
        label_inputs(self)

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            self.error.show()
            self.repeat.setFocus()
            return
        try:
            with self.context.db.write() as session:
                accounts.add_user(
                    session,
                    self.context.actor,
                    self.username.text(),
                    self.display_name.text(),
                    self.role.currentData(),
                    self.function_title.text(),
                    self.password.text(),
                )
        except (ValidationError, PermissionDenied) as error:
            self.error.setText(_problem(error))
            self.error.show()
            return
        super().accept()


class PasswordDialog(QDialog):
    """A new password for one account; it also lifts a lockout."""

    def __init__(self, context: AppContext, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.username = username
        self.setWindowTitle(self.tr("New password for {user}").format(user=username))
        self.password = guard_text(QLineEdit(), accounts.MAX_PASSWORD)
        self.repeat = guard_text(QLineEdit(), accounts.MAX_PASSWORD)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.repeat)
        self.error = error_label()
        buttons = dialog_buttons(self, self.tr("&Set"), self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.setFocus()
        label_inputs(self)

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            self.error.show()
            return
        try:
            with self.context.db.write() as session:
                accounts.reset_password(
                    session, self.context.actor, self.username, self.password.text()
                )
        except (ValidationError, PermissionDenied, NotFoundError) as error:
            self.error.setText(_problem(error))
            self.error.show()
            return
        super().accept()
