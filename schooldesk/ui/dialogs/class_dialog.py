"""Add or edit a class of one school year."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.grades import GRADE_NAMES_ZH, MAX_CLASS_NUMBER, class_name_zh
from schooldesk.services.classes import add_class, update_class
from schooldesk.services.rows import ClassInput, ClassRow, TeacherRow
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.record_dialog import RecordDialog


class ClassDialog(RecordDialog):
    def __init__(self, db: Database, school_year: int, school_class: ClassRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit class") if school_class else self.tr("New class"), parent)
        self.setObjectName("ClassDialog")
        self._db, self._class, self._year = db, school_class, school_year
        self.grade = self.form.add("grade", self.tr("&Grade"), QComboBox())
        self.grade.addItems(list(GRADE_NAMES_ZH))
        self.number = self.form.add("number", self.tr("Class &number"), QSpinBox())
        self.number.setRange(1, MAX_CLASS_NUMBER)
        self.name = self.form.add("name", self.tr("Class na&me"), QLineEdit())
        self.head_teacher = self.form.add("head_teacher", self.tr("&Head teacher"), QComboBox())
        self._teachers: list[TeacherRow] = list_teachers(db, include_inactive=False)
        self.head_teacher.addItem(self.tr("(none)"), None)
        for teacher in self._teachers:
            self.head_teacher.addItem(teacher.name, teacher.id)
        if school_class:
            self.grade.setCurrentIndex(school_class.grade - 1)
            self.number.setValue(school_class.number)
            standard = class_name_zh(school_class.grade, school_class.number)
            self.name.setText("" if school_class.name == standard else school_class.name)
            self.head_teacher.setCurrentIndex(max(0, self.head_teacher.findData(school_class.head_teacher_id)))
        self._suggest_name()
        self.grade.currentIndexChanged.connect(self._suggest_name)
        self.number.valueChanged.connect(self._suggest_name)

    def _suggest_name(self) -> None:
        self.name.setPlaceholderText(class_name_zh(self.grade.currentIndex() + 1, self.number.value()))

    def save(self) -> ClassRow:
        data = ClassInput(
            school_year=self._year, grade=self.grade.currentIndex() + 1, number=self.number.value(),
            name=self.name.text(), head_teacher_id=self.head_teacher.currentData(),
        )
        if self._class is None:
            return add_class(self._db, data)
        return update_class(self._db, self._class.id, data)
