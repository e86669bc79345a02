"""The sign-in window shown at start-up once a school is set up."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text
from schooldesk.ui.form import ERROR_STYLE, FieldForm

if TYPE_CHECKING:  # the sign-in window is on screen before the database has been opened
    from schooldesk.db.database import Database
    from schooldesk.services.login import SignedIn


class LoginDialog(QDialog):
    signed_in = Signal(object)  # SignedIn
    painted = Signal()  # once, when first on screen: the database opens after that

    def __init__(self, db: Database | None, school_name: str = "", parent: QWidget | None = None, *,
                 locked_for: str = "") -> None:
        """With *locked_for*, the desk was locked after idling: only that user may unlock it."""
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Sign in — SchoolDesk") if not locked_for else self.tr("Locked — SchoolDesk"))
        self._db = db
        self._pending = False
        self._painted = False
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
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setEnabled(db is not None)  # until the database has been opened and checked
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self.school_name = school_name
        self.forgot_button = buttons.addButton(self.tr("&Forgot password…"), QDialogButtonBox.ButtonRole.HelpRole)
        self.forgot_button.setObjectName("forgotPassword")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setEnabled(db is not None)
        self.forgot_button.setVisible(not locked_for)  # at the idle lock, the user signed in is the one to unlock
        self.forgot_button.clicked.connect(self.forgot_password)
        self.recovery: QDialog | None = None  # the dialog 忘记密码 opened (tests look at it)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(380, 220)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)

    def set_database(self, db: Database) -> None:
        """The database is open: signing in can go ahead (Enter pressed meanwhile signs in now)."""
        self._db = db
        self.sign_in_button.setEnabled(True)
        self.forgot_button.setEnabled(True)
        if self._pending:
            self._pending = False
            self.try_sign_in()

    def try_sign_in(self) -> bool:
        if self._db is None:
            self._pending = bool(self.password.text())
            return False
        from schooldesk.services.login import sign_in

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

    def forgot_password(self) -> QDialog | None:
        """The recovery code sets a new administrator password; the next code is shown to print and keep."""
        if self._db is None:
            return None
        from schooldesk.ui.recovery import RecoverAdminDialog, RecoveryCodeDialog, recovery_text

        db = self._db
        dialog = RecoverAdminDialog(db, self)

        def recovered(username: str, code: str) -> None:
            self.username.setText(username)
            self.password.clear()
            self.password.setFocus()
            self.message.setText(recovery_text(username))
            self.recovery = RecoveryCodeDialog(db, self.school_name, code, self)
            self.recovery.open()

        dialog.recovered.connect(recovered)
        dialog.open()
        self.recovery = dialog
        return dialog
