"""Input widgets the record forms share: dates and times, choice lists, teacher pickers, tick boxes, long text."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QTimeEdit, QVBoxLayout, QWidget,
)

from schooldesk.domain.i18n import fill
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


ADD_TEACHER = "add-teacher"  # the data of TeacherBox's last item, 新增教师…
TeacherAdder = Callable[[str, Callable[[TeacherRow], None]], None]  # (typed name, then) → opens the teacher form


class TeacherBox(QComboBox):
    """Active teachers (plus the current one even if inactive), with an empty choice; with *adder*, a last item
    新增教师… opens the teacher form (the typed name filled in), so a school without teachers is no dead end."""

    def __init__(self, teachers: Sequence[TeacherRow], current: int | None = None, *, blank: bool = True,
                 adder: TeacherAdder | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if blank:
            self.addItem("", None)
        for teacher in teachers:
            if teacher.active or teacher.id == current:
                self.addItem(teacher.name, teacher.id)
        self.setEditable(True)  # type to find a teacher among dozens
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._adder, self._typed = adder, ""
        if adder is not None:
            self.addItem(QCoreApplication.translate("TeacherBox", "New teacher…"), ADD_TEACHER)
            self.lineEdit().textEdited.connect(lambda text: setattr(self, "_typed", text))
            self.activated.connect(self._chosen)
            if not any(t.active for t in teachers):
                self.lineEdit().setPlaceholderText(QCoreApplication.translate(
                    "TeacherBox", "No teachers yet: choose “New teacher…” at the end of the list"))
        self.set_teacher(current)

    def _chosen(self, index: int) -> None:
        if self.itemData(index) != ADD_TEACHER or self._adder is None:
            return
        typed = self._typed if self.findText(self._typed) < 0 else ""
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self._adder(typed, self.add_teacher)

    def add_teacher(self, teacher: TeacherRow) -> None:
        """Offer and choose a teacher just added."""
        at = self.findData(ADD_TEACHER)
        self.insertItem(at if at >= 0 else self.count(), teacher.name, teacher.id)
        self.set_teacher(teacher.id)

    def teacher_id(self) -> int | None:
        index = self.findText(self.currentText())
        data = self.itemData(index) if index >= 0 else None
        return None if data == ADD_TEACHER else data

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


class TeacherChecklist(QWidget):
    """Tick one or more of a school's teachers: the chosen ones are named above (in the order ticked; the
    first is the one responsible), a find box filters by name or pinyin initials, and the list shows at least
    ten names at once (a school has 20–30 teachers)."""

    VISIBLE_ROWS = 10

    def __init__(self, teachers: Sequence[TeacherRow], chosen: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("chosenTeachers")
        self.chosen_label.setWordWrap(True)
        self.find = QLineEdit(self)
        self.find.setObjectName("findTeacher")
        self.find.setClearButtonEnabled(True)
        self.find.setPlaceholderText(self.tr("Find a teacher: name or pinyin initials"))
        self.list = QListWidget(self)
        self.list.setObjectName("teacherList")
        self._order: list[int] = []
        self._keys: dict[int, str] = {}
        for teacher_id in chosen:  # already chosen first, in their order
            match = next((t for t in teachers if t.id == teacher_id), None)
            if match is not None:
                self._add(match, True)
        for teacher in teachers:
            if teacher.active and teacher.id not in chosen:
                self._add(teacher, False)
        self.list.itemChanged.connect(self._ticked)
        self.find.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.find)
        layout.addWidget(self.list)
        rows = max(1, min(self.VISIBLE_ROWS, self.list.count()))
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
        self.setFocusProxy(self.find)  # the form label's Alt letter lands in the find box
        self._show_chosen()

    def _add(self, teacher: TeacherRow, ticked: bool) -> None:
        item = QListWidgetItem(teacher.name, self.list)
        item.setData(Qt.ItemDataRole.UserRole, teacher.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        if ticked:
            self._order.append(teacher.id)

    def _ticked(self, item: QListWidgetItem) -> None:
        teacher_id = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and teacher_id not in self._order:
            self._order.append(teacher_id)
        elif item.checkState() != Qt.CheckState.Checked and teacher_id in self._order:
            self._order.remove(teacher_id)
        self._show_chosen()

    def _show_chosen(self) -> None:
        names = {self.list.item(r).data(Qt.ItemDataRole.UserRole): self.list.item(r).text()
                 for r in range(self.list.count())}
        chosen = "、".join(names[t] for t in self._order if t in names)
        self.chosen_label.setText(fill(self.tr("Chosen: %1"), (chosen,)) if chosen else self.tr("Chosen: none yet"))

    def _filter(self, text: str) -> None:
        from schooldesk.domain.pinyin_search import matches, search_keys

        for row in range(self.list.count()):
            item = self.list.item(row)
            teacher_id = item.data(Qt.ItemDataRole.UserRole)
            if teacher_id not in self._keys:
                self._keys[teacher_id] = search_keys(item.text())
            item.setHidden(not matches(text.strip(), item.text(), self._keys[teacher_id]))

    def set_checked(self, teacher_id: int, ticked: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == teacher_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(self._order)


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
