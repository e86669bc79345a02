"""首页: the school at a glance."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.services.home import families_summary, home_summary
from schooldesk.services.home_teaching import PlanSummary
from schooldesk.services.mentorship_targets import PairProgress
from schooldesk.services.observation_quotas import QuotaRow
from schooldesk.services.support import OverdueSupport
from schooldesk.ui.month_text import visits_text
from schooldesk.ui.pages.first_steps import FirstStepsBox
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import EVERYTHING, USERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table


class HomePage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HomePage")
        self.state = state
        self.heading = QLabel(self)
        self.heading.setObjectName("homeHeading")
        self.heading.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.semester_label = QLabel(self)
        self.semester_label.setStyleSheet("font-size: 13pt;")
        self.teachers_count = QLabel(self)
        self.classes_count = QLabel(self)
        self.pupils_count = QLabel(self)
        self.visits_count = QLabel(self)
        self.visits_count.setObjectName("homeVisitCount")
        self.visits_count.setWordWrap(True)  # a narrow window wraps it rather than growing wider
        # The facts on one line and the four lists two by two: on a 1366×768 screen every list keeps five rows.
        facts = QHBoxLayout()
        for label, value in ((self.tr("Pupils on roll:"), self.pupils_count),
                             (self.tr("Active teachers:"), self.teachers_count),
                             (self.tr("Classes this school year:"), self.classes_count),
                             (self.tr("Home visits to left-behind children:"), self.visits_count)):
            facts.addWidget(QLabel(label, self))
            facts.addWidget(value, 1 if value is self.visits_count else 0)  # the last takes the rest of the line
            facts.addSpacing(24)
        self.overdue_title = QLabel(self)
        self.overdue_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.overdue_title.setWordWrap(True)
        self.overdue_model: RowTableModel[OverdueSupport] = RowTableModel([
            Column(self.tr("Pupil"), lambda o: o.pupil_name, names=True),
            Column(self.tr("Class"), lambda o: o.class_name),
            Column(self.tr("Categories"), lambda o: o.category),
            Column(self.tr("Responsible teacher"), lambda o: o.responsible_teacher, names=True),
            Column(self.tr("Last support"), lambda o: o.last_record.isoformat() if o.last_record else self.tr("none yet")),
            Column(self.tr("Due since"), lambda o: o.due.isoformat()),
        ])
        self.overdue_table = record_table(self.overdue_model, self)
        self.overdue_table.setObjectName("overdueSupport")
        self.home_title = QLabel(self)
        self.home_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.home_title.setWordWrap(True)
        self.home_model: RowTableModel[PlanSummary] = RowTableModel([
            Column(self.tr("Child"), lambda s: s.plan.pupil_name, names=True),
            Column(self.tr("Class"), lambda s: s.class_name),
            Column(self.tr("Responsible teachers"), lambda s: s.plan.teacher_names, names=True),
            Column(self.tr("Visits this month"), lambda s: f"{visits_text(s.this_month)} / {s.this_month.required_visits}"),
            Column(self.tr("Lesson periods"), lambda s: f"{s.this_month.periods:g} / {s.this_month.required_periods}"),
        ])
        self.home_table = record_table(self.home_model, self)
        self.home_table.setObjectName("homeTeachingBehind")
        self.observing_title = QLabel(self)
        self.observing_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.observing_title.setWordWrap(True)
        self.observing_model: RowTableModel[QuotaRow] = RowTableModel([
            Column(self.tr("Teacher"), lambda q: q.teacher, names=True),
            Column(self.tr("Duties"), lambda q: "、".join(q.roles)),
            Column(self.tr("Observed"), lambda q: q.observed),
            Column(self.tr("Due by now"), lambda q: q.due_now),
            Column(self.tr("Required this semester"), lambda q: q.required),
        ])
        self.observing_table = record_table(self.observing_model, self)
        self.observing_table.setObjectName("observingBehind")
        self.observing_table.setToolTip(self.tr("Double-click or press Enter to open the lesson observation page."))
        self.observing_table.activated.connect(self.open_observations)
        self.observing_table.hide()  # until refresh_families finds someone behind
        self.pairs_title = QLabel(self)
        self.pairs_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.pairs_title.setWordWrap(True)
        self.pairs_model: RowTableModel[PairProgress] = RowTableModel([
            Column(self.tr("Mentor"), lambda p: p.pair.mentor.name, names=True),
            Column(self.tr("Apprentice"), lambda p: p.pair.apprentice.name, names=True),
            Column(self.tr("Subject"), lambda p: p.pair.subject),
            Column(self.tr("Targets (done / required)"), lambda p: p.summary),
        ])
        self.pairs_table = record_table(self.pairs_model, self)
        self.pairs_table.setObjectName("pairsBehind")
        self.pairs_table.setToolTip(self.tr("Double-click or press Enter to open the pair."))
        self.pairs_table.activated.connect(self.open_pair)
        self.pairs_table.hide()
        self.due_title = QLabel(self)
        self.due_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.due_title.setWordWrap(True)
        self.due_model: RowTableModel[Any] = RowTableModel([
            Column(self.tr("Due"), lambda i: i.date.isoformat()),
            Column(self.tr("State"), lambda i: self.tr("overdue") if i.date < date.today() else self.tr("to do")),
            Column(self.tr("What"), lambda i: i.what),
        ])
        self.due_table = record_table(self.due_model, self, word_wrap=True)  # a long item takes two lines
        self.due_table.setObjectName("dueDates")
        self.due_table.setToolTip(self.tr("Double-click or press Enter to open the page where it is done."))
        self.due_table.activated.connect(self.open_due)
        self.due_table.hide()  # until refresh_families finds something to do
        self.overdue_table.setToolTip(self.tr("Double-click or press Enter to open the pupil's support records."))
        self.home_table.setToolTip(self.tr("Double-click or press Enter to open the child's visit log."))
        self.overdue_table.activated.connect(self.open_overdue)
        self.home_table.activated.connect(self.open_behind)
        self.opened: QWidget | None = None  # the profile or visit log opened from a list
        self._painted = False
        self._no_pupils = self._no_teachers = False  # nothing to judge is not 达到要求
        lists = QGridLayout()
        lists.setHorizontalSpacing(16)
        for number, (title, table) in enumerate(((self.overdue_title, self.overdue_table),
                                                 (self.home_title, self.home_table),
                                                 (self.observing_title, self.observing_table),
                                                 (self.pairs_title, self.pairs_table))):
            row, column = divmod(number, 2)
            lists.addWidget(title, row * 2, column)
            lists.addWidget(table, row * 2 + 1, column)
            lists.setRowStretch(row * 2 + 1, 1)
        # What is due (the calendar and the frequency targets behind) beside them, the height of both rows.
        lists.addWidget(self.due_title, 0, 2)
        lists.addWidget(self.due_table, 1, 2, 3, 1)
        lists.setColumnStretch(0, 5)
        lists.setColumnStretch(1, 4)
        lists.setColumnStretch(2, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.semester_label)
        layout.addSpacing(8)
        layout.addLayout(facts)
        layout.addSpacing(8)
        self.first_steps = FirstStepsBox(self)
        self.first_steps.hide()
        layout.addWidget(self.first_steps)
        layout.addLayout(lists, 1)
        state.watch(self, EVERYTHING - {USERS}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        school = self.state.school
        self.heading.setText(school.name if school else "")
        semester = self.state.semester
        self.semester_label.setText(
            fill(self.tr("Current semester: %1 (%2 to %3)"),
                 (semester.label_zh, semester.start.isoformat(), semester.end.isoformat()))
            if semester else self.tr("No semester has been set up.")
        )
        got = call_service(self, lambda: home_summary(self.state.db, date.today(), self.state.school_year))
        if not got:
            return
        summary = got.value
        self.first_steps.show_steps(summary.steps)
        self._no_pupils, self._no_teachers = summary.pupils_on_roll == 0, summary.active_teachers == 0
        overdue, behind = summary.overdue, summary.behind
        self.teachers_count.setText(str(summary.active_teachers))
        self.classes_count.setText(str(summary.active_classes))
        self.pupils_count.setText(str(summary.pupils_on_roll))
        self.overdue_title.setText(
            fill(self.tr("Support records overdue: %1 pupils"), (str(len(overdue)),)) if overdue
            else self.tr("No pupils on roll yet: overdue support records will show here.") if self._no_pupils
            else self.tr("No support record is overdue.")
        )
        self.overdue_model.set_rows(overdue)
        self.overdue_table.resizeColumnsToContents()
        self.overdue_table.setVisible(not self._no_pupils)
        self.home_title.setText(
            fill(self.tr("Home teaching behind the rule this month: %1 children"), (str(len(behind)),)) if behind
            else self.tr("Home teaching: no child is taught at home yet.") if self._no_pupils
            else self.tr("Home teaching: every child's visits are on track this month.")
        )
        self.home_model.set_rows(behind)
        self.home_table.resizeColumnsToContents()
        self.home_table.setVisible(bool(behind))
        if self._painted:  # before the first paint they wait for it (paintEvent)
            QTimer.singleShot(0, self, self.refresh_families)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """The clerk sees the page first; the other families' lists are read just after it is painted."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.refresh_families)

    def refresh_families(self) -> None:
        """Teachers behind their observation quota, pairs behind, children not yet visited."""
        semester = self.state.semester
        got = call_service(self,
                           lambda: families_summary(self.state.db, semester.key if semester else None, date.today()))
        if not got:
            return
        summary = got.value
        self.visits_count.setText(fill(self.tr("%1 not yet visited this semester, %2 behind the target"),
                                       (str(summary.not_visited), str(summary.visits_behind))))
        observing = summary.observing_behind
        self.observing_title.setText(
            fill(self.tr("Lesson observation behind the quota's pace: %1 teachers"), (str(len(observing)),)) if observing
            else self.tr("Lesson observation: no teachers yet.") if self._no_teachers
            else self.tr("Lesson observation: every teacher keeps pace with their quota."))
        self.observing_model.set_rows(observing)
        self.observing_table.resizeColumnsToContents()
        self.observing_table.setVisible(bool(observing))
        pairs = summary.pairs_behind
        self.pairs_title.setText(
            fill(self.tr("Mentoring pairs behind their targets: %1"), (str(len(pairs)),)) if pairs
            else self.tr("Mentoring: no teachers yet.") if self._no_teachers
            else self.tr("Mentoring: every pair keeps pace with its targets."))
        self.pairs_model.set_rows(pairs)
        self.pairs_table.resizeColumnsToContents()
        self.pairs_table.setVisible(bool(pairs))
        due, short = summary.due, len(summary.frequency_behind)
        self.due_title.setText(
            fill(self.tr("To do: %1 (activities short of their frequency targets: %2)"), (str(len(due)), str(short)))
            if short else fill(self.tr("To do within a month: %1"), (str(len(due)),)) if due
            else self.tr("Nothing is due within a month, and every frequency target is met so far."))
        self.due_model.set_rows(due)
        for column in (0, 1):
            self.due_table.resizeColumnToContents(column)
        self.due_table.resizeRowsToContents()
        self.due_table.setVisible(bool(due))

    def _open_page(self, name: str) -> QWidget | None:
        window = self.window()
        return window.open_page(name) if hasattr(window, "open_page") else None

    def open_due(self, index: QModelIndex) -> QWidget | None:
        """Each item opens where it is done: 月报 on 报表, the bundle on 报送, a summary on 工作总结, …"""
        pages = {"dropout": "ReportsPage", "bundle": "ExportPage", "catchment": "CatchmentPage",
                 "activities": "ActivitiesPage"}
        item = self.due_model.row_at(index.row())
        if item.family == "visits":  # a 整改 item: the visits received, where it is closed
            teachers = self._open_page("TeachersPage")
            return teachers.open_visits() if teachers is not None else None  # type: ignore[attr-defined]
        page = "SummariesPage" if item.what.endswith("工作总结") else pages.get(item.family, "ReportsPage")
        return self._open_page(page)

    def open_pair(self, index: QModelIndex) -> QWidget:
        """A pair behind opens in its window, where the missing record is added."""
        from schooldesk.ui.mentorship_window import PairWindow

        window = PairWindow(self.state, self.pairs_model.row_at(index.row()).pair.id, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.opened = window
        return window

    def open_observations(self, _index: QModelIndex) -> None:
        """A teacher behind opens the 听课统计, where each teacher's lessons are listed."""
        window = self.window()
        if hasattr(window, "open_page"):
            window.open_page("ObservationsPage").tabs.setCurrentIndex(1)

    def open_overdue(self, index: QModelIndex) -> QWidget:
        """An overdue pupil opens at the support records, where the missing record is added."""
        from schooldesk.ui.pupil_profile import PupilProfileWindow

        row = self.overdue_model.row_at(index.row())
        window = PupilProfileWindow(self.state, row.pupil_id, self, tab="support")
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.opened = window
        return window

    def open_behind(self, index: QModelIndex) -> QWidget:
        """A child behind in 送教上门 opens at their visit log, where the next visit is logged."""
        from schooldesk.ui.home_teaching_window import HomeTeachingWindow

        summary = self.home_model.row_at(index.row())
        window = HomeTeachingWindow(self.state, summary.plan.id, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.opened = window
        return window
