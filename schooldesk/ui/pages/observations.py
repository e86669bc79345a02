"""听课评课 page: the semester's observations (filters, search, add, correct, delete, print, Excel) and the
听课统计 — each teacher's lessons observed against their quota, those behind first."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from schooldesk.domain.i18n import fill
from schooldesk.domain.observation import OBSERVATION_KINDS
from schooldesk.services.classes import list_classes
from schooldesk.services.observation_quotas import QuotaRow, quota_table
from schooldesk.services.observations import (
    ObservationFilter, ObservationRow, delete_observation, list_observations, observation_subjects,
)
from schooldesk.services.rubrics import list_rubrics
from schooldesk.services.outside_observers import list_outside_observers
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.observation_dialog import ObservationChoices, ObservationDialog
from schooldesk.ui.state import CLASSES, OBSERVATIONS, RULES, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.pages.records_page import RecordsPage
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


def _shared(row: ObservationRow) -> bool:
    """A lesson several observers scored: its average is worth showing."""
    return row.lesson_observers > 1 and row.lesson_average is not None


def _score(row: ObservationRow) -> str:
    return f"{row.total:g}" if row.scored else ""


class ObservationsPage(RecordsPage, QWidget):
    record_changes = frozenset({OBSERVATIONS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ObservationsPage")
        self.state = state
        self.dialog: ObservationDialog | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._records_tab(), self.tr("&Observations"))
        self.tabs.addTab(self._quota_tab(), self.tr("Lessons &against quota"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        state.watch(self, {OBSERVATIONS, TEACHERS, CLASSES, RULES}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    # ---- building ----
    def _records_tab(self) -> QWidget:
        self.observer_filter, self.taught_filter, self.subject_filter, self.kind_filter = (
            self.filter_box(self, name, self.refresh_records)
            for name in ("observerFilter", "taughtFilter", "subjectFilter", "kindFilter"))
        model: RowTableModel[ObservationRow] = RowTableModel([
            Column(self.tr("Date"), lambda r: r.date),
            Column(self.tr("Period"), lambda r: r.period),
            Column(self.tr("Observer"), lambda r: r.observer.name, names=True),
            Column(self.tr("Teacher observed"), lambda r: r.taught.name, names=True),
            Column(self.tr("Subject"), lambda r: r.subject),
            Column(self.tr("Class"), lambda r: r.class_name),
            Column(self.tr("Lesson title"), lambda r: r.topic),
            Column(self.tr("Lesson type"), lambda r: r.lesson_type),
            Column(self.tr("Kind"), lambda r: r.kind),
            Column(self.tr("Score"), _score, lambda r: (r.total is None, r.total or 0)),
            Column(self.tr("Grade"), lambda r: r.grade),
            Column(self.tr("Lesson average"), lambda r: f"{r.lesson_average:g}（{r.lesson_observers}）"
                   if _shared(r) else "", lambda r: (not _shared(r), r.lesson_average or 0)),
        ])
        self.blank_button = QPushButton(self.tr("&Blank form…"), self)
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        return self.records_tab(model, "observationTable", (
            (self.tr("Observer:"), self.observer_filter), (self.tr("Observed:"), self.taught_filter),
            (self.tr("Subject:"), self.subject_filter), (self.tr("Kind:"), self.kind_filter),
        ), ((self.blank_button, self.print_blank), (self.excel_button, self.export_excel)))

    def _quota_tab(self) -> QWidget:
        tab = QWidget(self)
        self.quota_model: RowTableModel[QuotaRow] = RowTableModel([
            Column(self.tr("Teacher"), lambda q: q.teacher, names=True),
            Column(self.tr("Duties"), lambda q: "、".join(q.roles)),
            Column(self.tr("Observed / required"), lambda q: f"{q.observed} / {q.required}", lambda q: (q.observed - q.required,)),
            Column(self.tr("Due by now"), lambda q: q.due_now),
            Column(self.tr("Observed by others"), lambda q: q.observed_by_others),
            Column(self.tr("Standing"), self._standing, lambda q: (not q.behind, q.observed - q.due_now)),
        ], dimmed=lambda q: not q.behind)
        self.quota_table = record_table(self.quota_model, tab)
        self.quota_table.setObjectName("quotaTable")
        self.quota_table.activated.connect(lambda _i: self.print_teacher_log())
        self.quota_heading = QLabel(tab)
        self.quota_heading.setWordWrap(True)
        self.teacher_log_button = QPushButton(self.tr("Print the teacher's &summary…"), tab)
        self.teacher_log_button.clicked.connect(self.print_teacher_log)
        row = QHBoxLayout()
        row.addWidget(self.quota_heading, 1)
        row.addWidget(self.teacher_log_button)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addWidget(self.quota_table, 1)
        return tab

    def _standing(self, q: QuotaRow) -> str:
        if q.observed >= q.required:
            return self.tr("done")
        if q.behind:
            return fill(self.tr("behind by %1"), (str(q.due_now - q.observed),))
        return self.tr("on track")

    # ---- reading ----
    def refresh(self) -> None:
        semester = self.state.semester
        self.new_button.setEnabled(semester is not None)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            return
        got = call_service(self, lambda: (list_teachers(self.state.db), observation_subjects(self.state.db)))
        if not got:
            return
        self.teachers, subjects = got.value
        self.fill_filter(self.observer_filter, [(t.name, t.id) for t in self.teachers])
        self.fill_filter(self.taught_filter, [(t.name, t.id) for t in self.teachers])
        self.fill_filter(self.subject_filter, [(s, s) for s in subjects])
        self.fill_filter(self.kind_filter, [(k, k) for k in OBSERVATION_KINDS])
        self.refresh_records()
        self.refresh_quotas()

    def current_filter(self) -> ObservationFilter:
        return ObservationFilter(observer_id=self.observer_filter.currentData(),
                                 taught_teacher_id=self.taught_filter.currentData(),
                                 subject=self.subject_filter.currentData() or "", kind=self.kind_filter.currentData() or "")

    def refresh_records(self) -> None:
        semester = self.state.semester
        if semester is None:
            return
        got = call_service(self, lambda: list_observations(self.state.db, semester.key, self.current_filter()))
        if not got:
            return
        rows = got.value
        self.show_rows(rows)
        self.heading.setText(fill(self.tr("Lesson observation, %1: %2 records shown"), (semester.label_zh, str(len(rows)))))

    def refresh_quotas(self) -> None:
        semester = self.state.semester
        if semester is None:
            return
        got = call_service(self, lambda: quota_table(self.state.db, semester.key, date.today()))
        if not got:
            return
        rows = got.value
        self.quota_model.set_rows(rows)
        self.quota_table.resizeColumnsToContents()
        behind = sum(1 for r in rows if r.behind)
        weeks = rows[0].weeks_left if rows else 0
        self.quota_heading.setText(fill(self.tr("%1 of %2 teachers are behind the pace of their quota; %3 weeks of "
                                                "the semester left."), (str(behind), str(len(rows)), str(weeks))))

    def may_write(self, row: ObservationRow) -> bool:
        """The office and administrators write every record; a teacher those they observed."""
        user = self.state.user
        return self.state.keeps_records or (user is not None and user.actor.teacher_id == row.observer.id)

    # ---- writing ----
    def choices(self) -> ObservationChoices:
        school_year = self.state.school_year
        user = self.state.user
        own = None if self.state.keeps_records or user is None else user.actor.teacher_id
        today = date.today()
        semester = self.state.semester
        if semester is not None and not semester.start <= today <= semester.end:
            today = min(max(today, semester.start), semester.end)  # a new record of a past term: in that term
        return ObservationChoices(
            teachers=tuple(list_teachers(self.state.db)), classes=tuple(list_classes(self.state.db, school_year)),
            rubrics=tuple(list_rubrics(self.state.db, include_hidden=True)),
            subjects=tuple(observation_subjects(self.state.db)), own_teacher_id=own, today=min(today, date.today()),
            outside=tuple(list_outside_observers(self.state.db, include_inactive=True)))

    def make_dialog(self, choices: ObservationChoices, row: ObservationRow | None) -> ObservationDialog:
        return ObservationDialog(self.state.db, choices, row, self)

    def read_only_title(self, row: ObservationRow) -> str:
        return fill(self.tr("%1's observation (only they may change it)"), (row.observer.name,))

    def delete_question(self, row: ObservationRow) -> str:
        return fill(self.tr("Delete %1's record of %2's lesson “%3” on %4?"),
                    (row.observer.name, row.taught.name, row.topic, row.date.isoformat()))

    def delete_record(self, observation_id: int) -> None:
        delete_observation(self.state.db, observation_id)

    # ---- paper and Excel ----
    def print_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        from schooldesk.ui.observation_printing import print_observation

        print_observation(self, self.state.db, row.id)

    def print_blank(self) -> None:
        from schooldesk.ui.observation_printing import print_blank_form

        print_blank_form(self, self.state.db, self.state.semester.key if self.state.semester else None)

    def print_teacher_log(self) -> None:
        indexes = self.quota_table.selectionModel().selectedRows()
        if not indexes or self.state.semester is None:
            return
        from schooldesk.ui.observation_printing import print_teacher_log

        print_teacher_log(self, self.state.db, self.quota_model.row_at(indexes[0].row()).teacher_id,
                          self.state.semester.key)

    def export_excel(self) -> None:
        if self.state.semester is None:
            return
        from schooldesk.ui.observation_printing import export_workbook

        export_workbook(self, self.state.db, self.state.semester.key)

    last_saved: Path | None = None
