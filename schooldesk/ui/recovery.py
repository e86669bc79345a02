"""The administrator's recovery code: shown once with 复制 and 打印 (a sheet to keep with the seal), and used from the
sign-in window (忘记密码…) when every administrator password is forgotten — no command line needed."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.dialogs.user_dialog import password_pair, same_password

if TYPE_CHECKING:
    from schooldesk.db.database import Database


class RecoveryCodeDialog(QDialog):
    """The code, large and selectable, what it is for, and 复制 / 打印 / 关闭."""

    def __init__(self, db: Database, school_name: str, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryCodeDialog")
        self.setWindowTitle(self.tr("Administrator recovery code"))
        self._db, self.school_name, self.code = db, school_name, code
        intro = QLabel(self.tr("Print this recovery code (or write it down) and keep it with the school seal. It is "
                               "shown only now."), self)
        intro.setWordWrap(True)
        self.code_label = QLabel(code, self)
        self.code_label.setObjectName("recoveryCode")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        use = QLabel(self.tr("If every administrator password is forgotten: in the sign-in window choose “Forgot "
                             "password…”, type this code and set a new password. A code works once; a new one is "
                             "shown then."), self)
        use.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.print_button.clicked.connect(self.print_sheet)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.code_label, use, buttons):
            layout.addWidget(widget)
        self.resize(520, 260)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copy_button.setText(self.tr("Copied"))

    def print_sheet(self) -> None:
        """A sheet through the kit, in the print preview (print it, or save it as PDF)."""
        from schooldesk.exports.recovery_sheet import write_recovery_sheet
        from schooldesk.services.print_settings import pdf_font_path
        from schooldesk.ui.printing import print_document

        font = pdf_font_path(self._db)
        print_document(self, "管理员恢复码.pdf", lambda path: write_recovery_sheet(
            path, school_name=self.school_name, code=self.code, font_path=font))


class RecoverAdminDialog(RecordDialog):
    """忘记密码: the recovery code, the administrator's user name and a new password; the next code is shown."""

    recovered = Signal(str, str)  # (user name, the next recovery code)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Forgot password"), parent)
        self.setObjectName("RecoverAdminDialog")
        self._db = db
        note = QLabel(self.tr("With the recovery code printed when the school was set up, set a new password for an "
                              "administrator (a user name not yet used becomes a new administrator)."), self)
        note.setWordWrap(True)
        self.layout().insertWidget(0, note)
        self.code = self.form.add("code", self.tr("Recovery &code"), QLineEdit(self))
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = self.form.add("username", self.tr("&Administrator"), QLineEdit("admin", self))
        self.password, self.repeat = password_pair(self, self.tr("&New password"))

    def save(self) -> str:
        from schooldesk.services.users import recover_admin

        new_code = recover_admin(self._db, self.code.text(), self.username.text(),
                                 same_password(self.password, self.repeat))
        self.recovered.emit(self.username.text().strip(), new_code)
        return new_code


def recovery_text(username: str) -> str:
    """What the sign-in window says once the password was set."""
    return fill(QCoreApplication.translate("RecoverAdminDialog", "A new password was set for %1. Sign in with it."),
                (username,))
