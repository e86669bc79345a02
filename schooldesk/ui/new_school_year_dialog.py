"""新学年: the preview of moving up — per class where its pupils go, head teachers, pupils who repeat or
leave — and then the one action that starts the year (after a backup, off the GUI thread)."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.domain.moving_up import CHOICES, GRADUATE, LEAVE, MOVE_UP, REPEAT, SCHOOL_TYPES, default_choice
from schooldesk.domain.semester import default_term_dates
from schooldesk.i18n import error_text
from schooldesk.services.new_school_year import (
    NewYearChoices, NewYearPlan, plan_new_school_year, school_type, start_new_school_year,
)
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.background import run_in_background
from schooldesk.ui.errors import ask_yes_no, show_notice
from schooldesk.ui.fields import DateField, TeacherBox
from schooldesk.ui.school_forms import TermForm
from schooldesk.ui.state import AppState
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service

PUPIL_ID = Qt.ItemDataRole.UserRole


class NewSchoolYearDialog(PreservesGeometry, QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewSchoolYearDialog")
        self.setWindowTitle(self.tr("New school year"))
        self.state = state
        self.plan: NewYearPlan | None = None
        self.pupil_choices: dict[int, str] = {}
        self.head_teachers: dict[tuple[int, int], int | None] = {}
        self.question: QMessageBox | None = None
        self.teachers = list_teachers(state.db)

        latest = max((s.key.school_year for s in state.semesters), default=state.school_year)
        self.terms = TermForm(self)
        self.terms.set_terms(*default_term_dates(latest + 1))
        self.terms.year.valueChanged.connect(self._year_changed)
        self.kind = QComboBox(self)
        for code, name in SCHOOL_TYPES.items():
            self.kind.addItem(name, code)
        self.kind.setCurrentIndex(self.kind.findData(school_type(state.db)))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.terms.add("school_type", self.tr("&Kind of school"), self.kind)
        self.graduation = self.terms.add("graduation_date", self.tr("&Graduation date"), DateField())

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("movingUp")
        self.tree.setHeaderLabels([self.tr("Class / pupil"), self.tr("Next year"), self.tr("Pupils"),
                                   self.tr("Head teacher next year")])
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.summary = QLabel(self)
        self.summary.setObjectName("movingUpSummary")
        self.summary.setWordWrap(True)
        self.repeat_button = QPushButton(self.tr("&Repeats the year"), self)
        self.leave_button = QPushButton(self.tr("&Leaves the school"), self)
        self.default_button = QPushButton(self.tr("&Moves up as planned"), self)
        self.repeat_button.clicked.connect(lambda: self._choose(REPEAT))
        self.leave_button.clicked.connect(lambda: self._choose(LEAVE))
        self.default_button.clicked.connect(lambda: self._choose(""))
        pupil_bar = QHBoxLayout()
        pupil_bar.addWidget(QLabel(self.tr("Selected pupils:"), self))
        for button in (self.repeat_button, self.leave_button, self.default_button):
            pupil_bar.addWidget(button)
        pupil_bar.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = self.buttons.addButton(self.tr("S&tart the new school year"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.confirm_start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.terms)
        layout.addWidget(self.tree, 1)
        layout.addLayout(pupil_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(860, 640)
        self.restore_window_state()
        self.refresh()

    # ---- the preview ----
    def choices(self) -> NewYearChoices:
        term1, term2 = self.terms.terms()
        graduation = self.graduation.value() if self.plan is not None else None  # first: the old year's last day
        return NewYearChoices(term1=term1, term2=term2, school_type=self.kind.currentData(), graduation_date=graduation,
                              pupils=dict(self.pupil_choices), head_teachers=dict(self.head_teachers))

    def refresh(self) -> None:
        self.tree.clear()
        try:
            plan = plan_new_school_year(self.state.db, self.terms.year.value(), self.choices())
        except SchoolDeskError as error:
            self.plan = None
            self.summary.setText(error_text(error))
            self.start_button.setEnabled(False)
            return
        first_time = self.plan is None
        self.plan = plan
        if first_time:
            self.graduation.set_value(plan.graduation_date)
        for move in plan.classes:
            item = QTreeWidgetItem(self.tree, [move.from_name, move.to_name, str(len(move.pupils)), ""])
            for pupil in move.pupils:
                child = QTreeWidgetItem(item, [pupil.name, pupil.choice_zh, "", ""])
                child.setData(0, PUPIL_ID, pupil.pupil_id)
                if pupil.choice != default_choice(pupil.grade, plan.top_grade):
                    item.setExpanded(True)
                    font = child.font(1)
                    font.setBold(True)
                    child.setFont(1, font)
            if move.to_name != CHOICES[GRADUATE]:
                self.tree.setItemWidget(item, 3, self._head_box(move.grade + 1, move.number, move.head_teacher_id))
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.summary.setText(fill(self.tr(
            "%1: %2 pupils move up, %3 repeat, %4 leave, %5 graduate on %6; %7 classes next year. A backup is "
            "taken first, and everything is written at once or not at all."), (
            plan.label_zh, str(plan.count(MOVE_UP)), str(plan.count(REPEAT)), str(plan.count(LEAVE)),
            str(plan.count(GRADUATE)), plan.graduation_date.isoformat(), str(len(plan.new_classes)))))
        self.start_button.setEnabled(True)

    def _head_box(self, grade: int, number: int, current: int | None) -> TeacherBox:
        box = TeacherBox(self.teachers, current)
        box.currentIndexChanged.connect(lambda _i: self._head_changed(grade, number, box))
        return box

    def _head_changed(self, grade: int, number: int, box: TeacherBox) -> None:
        self.head_teachers[(grade, number)] = box.teacher_id()

    def _choose(self, choice: str) -> None:
        """Mark the selected pupils; '' puts them back to the default (move up, or graduate)."""
        chosen = [item.data(0, PUPIL_ID) for item in self.tree.selectedItems() if item.data(0, PUPIL_ID)]
        for pupil_id in chosen:
            if choice:
                self.pupil_choices[pupil_id] = choice
            else:
                self.pupil_choices.pop(pupil_id, None)
        if chosen:
            self.refresh()

    def _year_changed(self, year: int) -> None:
        self.terms.set_terms(*default_term_dates(year))
        self.plan = None
        self.refresh()

    def _kind_changed(self) -> None:
        self.pupil_choices.clear()  # a choice valid for one top grade may not be for the other
        self.refresh()

    # ---- starting it ----
    def confirm_start(self) -> QMessageBox | None:
        """The question counts what the run will do: the plan is computed again from the dialog's choices as
        they stand now, and the run is given exactly those choices."""
        self.refresh()
        if self.plan is None:
            return None
        choices = self.choices()
        plan = self.plan
        text = fill(self.tr("Start %1 now? %2 pupils move up, %3 repeat, %4 leave and %5 graduate. A backup is "
                            "taken first; this can be done only once for the year."),
                    (plan.label_zh, str(plan.count(MOVE_UP)), str(plan.count(REPEAT)), str(plan.count(LEAVE)),
                     str(plan.count(GRADUATE))))
        self.question = ask_yes_no(self, text, lambda: self.start(choices))
        return self.question

    def start(self, choices: NewYearChoices | None = None) -> None:
        db, year, choices = self.state.db, self.terms.year.value(), choices or self.choices()

        def work(_progress: object) -> NewYearPlan:
            return start_new_school_year(db, year, choices)

        run_in_background(self, self.tr("Starting the new school year (backup first)…"), work, self._started)

    def _started(self, plan: NewYearPlan) -> None:
        self.state.notify_changed()
        new_term = next((s for s in self.state.semesters if s.key == plan.term1.key), None)
        if new_term is not None and new_term.start <= date.today():
            self.state.choose_semester(new_term)
        show_notice(self.parentWidget(), fill(self.tr("%1 has started: %2 pupils moved up, %3 graduated."), (
            plan.label_zh, str(plan.count(MOVE_UP)), str(plan.count(GRADUATE)))))
        self.accept()

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter in a date box must not start the year
        super().keyPressEvent(event)


def open_new_school_year(state: AppState, parent: QWidget) -> NewSchoolYearDialog | None:
    got = call_service(parent, lambda: NewSchoolYearDialog(state, parent))
    if not got:
        return None
    dialog = got.value
    dialog.open()
    return dialog
