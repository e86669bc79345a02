"""Input widgets the record forms share: optional dates, choice lists, teacher pickers, long text."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QWidget

from schooldesk.services.rows import TeacherRow

EMPTY_DATE = QDate(1900, 1, 1)


class DateField(QDateEdit):
    """A date with a calendar pop-up; when *optional*, the lowest value shows blank and means "none"."""

    def __init__(self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self._optional = optional
        if optional:
            self.setMinimumDate(EMPTY_DATE)
            self.setSpecialValueText(" ")
        self.set_value(value if value is not None or optional else date.today())

    def value(self) -> date | None:
        current = self.date()
        if self._optional and current == EMPTY_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else EMPTY_DATE)


class ChoiceBox(QComboBox):
    """One of *choices*; with *blank* an empty first entry means "not given"."""

    def __init__(self, choices: Sequence[str], *, blank: bool = True, current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItems(([""] if blank else []) + list(choices))
        if current:
            self.setCurrentText(current)


class TeacherBox(QComboBox):
    """Active teachers (plus the current one even if inactive), with an empty choice."""

    def __init__(self, teachers: Sequence[TeacherRow], current: int | None = None, *, blank: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if blank:
            self.addItem("", None)
        for teacher in teachers:
            if teacher.active or teacher.id == current:
                self.addItem(teacher.name, teacher.id)
        self.setEditable(True)  # type to find a teacher among dozens
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_teacher(current)

    def teacher_id(self) -> int | None:
        index = self.findText(self.currentText())
        return self.itemData(index) if index >= 0 else None

    def set_teacher(self, teacher_id: int | None) -> None:
        index = self.findData(teacher_id)
        self.setCurrentIndex(max(index, 0))


class TextArea(QPlainTextEdit):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(90)

    def text(self) -> str:
        return self.toPlainText()
