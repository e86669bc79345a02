"""The sign-in window shown at start-up once a school is set up."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text
from schooldesk.services.login import SignedIn, sign_in
from schooldesk.ui.form import ERROR_STYLE, FieldForm


class LoginDialog(QDialog):
    signed_in = Signal(object)  # SignedIn

    def __init__(self, db: Database, school_name: str = "", parent: QWidget | None = None, *,
                 locked_for: str = "") -> None:
        """With *locked_for*, the desk was locked after idling: only that user may unlock it."""
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Sign in — SchoolDesk") if not locked_for else self.tr("Locked — SchoolDesk"))
        self._db = db
        heading = QLabel(school_name, self)
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        form = FieldForm(self)
        self.username = form.add("username", self.tr("&User name"), QLineEdit())
        self.password = form.add("password", self.tr("&Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if locked_for:
            self.username.setText(locked_for)
            self.username.setReadOnly(True)
            heading.setText(self.tr("SchoolDesk was locked after a while without use. Enter your password to go on."))
            heading.setWordWrap(True)
            heading.setStyleSheet("font-size: 12pt;")
            self.password.setFocus()
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(380, 220)

    def try_sign_in(self) -> bool:
        try:
            user: SignedIn = sign_in(self._db, self.username.text(), self.password.text())
        except SchoolDeskError as error:
            self.message.setText(error_text(error))
            self.password.clear()
            self.password.setFocus()
            return False
        self.message.clear()
        self.signed_in.emit(user)
        self.accept()
        return True
