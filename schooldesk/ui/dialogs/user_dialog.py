"""Administrators' forms for accounts: a new or changed user, and a password reset."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.access import ROLE_NAMES_ZH
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.teachers import list_teachers
from schooldesk.services.users import UserInput, UserRow, create_user, reset_password, update_user
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import TeacherBox


def password_pair(dialog: RecordDialog, label: str) -> tuple[QLineEdit, QLineEdit]:
    first = dialog.form.add("password", label, QLineEdit(dialog))
    second = dialog.form.add("repeat", QCoreApplication.translate("UserDialog", "Repeat pass&word"), QLineEdit(dialog))
    for edit in (first, second):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return first, second


def same_password(first: QLineEdit, second: QLineEdit) -> str:
    if first.text() != second.text():
        raise ValidationError("repeat", QT_TRANSLATE_NOOP("Errors", "The two passwords differ."))
    return first.text()


class UserDialog(RecordDialog):
    def __init__(self, db: Database, user: UserRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("User account"), parent)
        self.setObjectName("UserDialog")
        self._db, self._user = db, user
        f = self.form
        self.username = f.add("username", self.tr("&User name"), QLineEdit(user.username if user else "", self))
        self.username.setReadOnly(user is not None)  # the audit trail refers to it
        self.role = f.add("role", self.tr("&Role"), QComboBox(self))
        for code, name in ROLE_NAMES_ZH.items():
            self.role.addItem(name, code)
        self.role.setCurrentIndex(max(self.role.findData(user.role if user else "office"), 0))
        self.teacher = f.add("teacher", self.tr("&Teacher"), TeacherBox(list_teachers(db), user.teacher_id if user else None))
        self.password, self.repeat = (None, None) if user else password_pair(self, self.tr("&Password"))

    def save(self) -> UserRow:
        data = UserInput(self.username.text(), self.role.currentData(), self.teacher.teacher_id())
        if self._user is not None:
            return update_user(self._db, self._user.id, data)
        assert self.password is not None and self.repeat is not None
        return create_user(self._db, UserInput(data.username, data.role, data.teacher_id, same_password(self.password, self.repeat)))


class ResetPasswordDialog(RecordDialog):
    def __init__(self, db: Database, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New password for %1").replace("%1", user.username), parent)
        self.setObjectName("ResetPasswordDialog")
        self._db, self._user = db, user
        self.password, self.repeat = password_pair(self, self.tr("&New password"))

    def save(self) -> UserRow:
        reset_password(self._db, self._user.id, same_password(self.password, self.repeat))
        return self._user
