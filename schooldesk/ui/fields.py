"""Input widgets the record forms share: dates and times, choice lists, teacher pickers, tick boxes, long text."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QGridLayout, QListWidget, QListWidgetItem, QPlainTextEdit, QTimeEdit, QWidget,
)

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


class TimeField(QTimeEdit):
    def __init__(self, value: time, parent: QWidget | None = None) -> None:
        super().__init__(QTime(value.hour, value.minute), parent)
        self.setDisplayFormat("HH:mm")

    def value(self) -> time:
        current = self.time()
        return time(current.hour(), current.minute())


class TeacherChecklist(QListWidget):
    """Tick one or more teachers (active ones, plus any already chosen); the ticked order is kept."""

    def __init__(self, teachers: Sequence[TeacherRow], chosen: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(110)
        for teacher_id in chosen:  # already chosen first, in their order: the first is the one responsible
            match = next((t for t in teachers if t.id == teacher_id), None)
            if match is not None:
                self._add(match, True)
        for teacher in teachers:
            if teacher.active and teacher.id not in chosen:
                self._add(teacher, False)

    def _add(self, teacher: TeacherRow, ticked: bool) -> None:
        item = QListWidgetItem(teacher.name, self)
        item.setData(Qt.ItemDataRole.UserRole, teacher.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def set_checked(self, teacher_id: int, ticked: bool = True) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == teacher_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                     if self.item(r).checkState() == Qt.CheckState.Checked)


class KindChecks(QWidget):
    """A tick box per choice, three to a row (e.g. 文化知识 / 康复训练 …)."""

    def __init__(self, choices: Sequence[str], ticked: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for index, choice in enumerate(choices):
            box = QCheckBox(choice, self)
            box.setChecked(choice in ticked)
            grid.addWidget(box, index // 3, index % 3)
            self.boxes[choice] = box

    def checked(self) -> tuple[str, ...]:
        return tuple(choice for choice, box in self.boxes.items() if box.isChecked())
