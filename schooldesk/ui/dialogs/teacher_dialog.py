"""Add or edit a teacher."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.people import GENDERS, TEACHER_TITLES
from schooldesk.services.rows import TeacherInput, TeacherRow
from schooldesk.services.teachers import add_teacher, update_teacher
from schooldesk.ui.dialogs.record_dialog import RecordDialog


class TeacherDialog(RecordDialog):
    def __init__(self, db: Database, teacher: TeacherRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit teacher") if teacher else self.tr("New teacher"), parent)
        self.setObjectName("TeacherDialog")
        self._db, self._teacher = db, teacher
        self.name = self.form.add("name", self.tr("&Name"), QLineEdit())
        self.gender = self.form.add("gender", self.tr("&Gender"), QComboBox())
        self.gender.addItems(GENDERS)
        self.subjects = self.form.add("subjects", self.tr("&Subjects"), QLineEdit())
        self.subjects.setPlaceholderText(self.tr("e.g. 语文、数学"))
        self.title_box = self.form.add("title", self.tr("&Title"), QComboBox())
        self.title_box.addItems(["", *TEACHER_TITLES])
        self.phone = self.form.add("phone", self.tr("&Phone"), QLineEdit())
        if teacher:
            self.name.setText(teacher.name)
            self.gender.setCurrentText(teacher.gender)
            self.subjects.setText(teacher.subjects)
            self.title_box.setCurrentText(teacher.title)
            self.phone.setText(teacher.phone)

    def save(self) -> TeacherRow:
        data = TeacherInput(
            name=self.name.text(), gender=self.gender.currentText(), subjects=self.subjects.text(),
            title=self.title_box.currentText(), phone=self.phone.text(),
        )
        if self._teacher is None:
            return add_teacher(self._db, data)
        return update_teacher(self._db, self._teacher.id, data)
