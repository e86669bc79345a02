"""Add or edit a teacher, with their 职务 (which set how many lessons they observe each semester)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.observation import DUTIES, PLAIN_TEACHER, duties_on
from schooldesk.domain.people import GENDERS, TEACHER_TITLES
from schooldesk.services.rows import TeacherInput, TeacherRow
from schooldesk.services.teachers import add_teacher, update_teacher
from schooldesk.services.teacher_duties import duty_spells, set_teacher_duties
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import DateField, KindChecks


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
        held = duties_on(date.today(), duty_spells(db, teacher.id)) if teacher else ()
        self._duties_held = tuple(d for d in held if d != PLAIN_TEACHER)
        self.duties = self.form.add("duties", self.tr("&Duties"), KindChecks(
            [d for d in DUTIES if d != PLAIN_TEACHER], self._duties_held))
        self.duties.setToolTip(self.tr("The highest quota of the duties held applies to lesson observation."))
        self.duties_since = self.form.add("duties_since", self.tr("Duties &from"), DateField(date.today()))
        self.duties_since.setToolTip(self.tr("A change of duties counts from this day on."))
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
        row = add_teacher(self._db, data) if self._teacher is None else update_teacher(self._db, self._teacher.id, data)
        if self.duties.checked() != self._duties_held:
            set_teacher_duties(self._db, row.id, self.duties.checked(), self.duties_since.value() or date.today())
        return row


def teacher_adder(db: Database, parent: QWidget, added: Callable[[], None] | None
                  ) -> Callable[[str, Callable[[TeacherRow], None]], None] | None:
    """For a TeacherBox: open the teacher form over *parent* with the typed name, hand the teacher saved on and
    call *added* (the window announces the change). None — no 新增教师… — when *added* is None (not offered)."""
    if added is None:
        return None

    def add(name: str, then: Callable[[TeacherRow], None]) -> None:
        dialog = TeacherDialog(db, None, parent)
        dialog.setObjectName("NewTeacherDialog")
        dialog.name.setText(name)
        dialog.saved.connect(then)
        dialog.saved.connect(lambda _row: added())
        dialog.open()
    return add
