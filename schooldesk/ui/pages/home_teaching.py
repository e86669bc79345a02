"""送教上门 page: the children taught at home this semester, how their visits stand, and their logs."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.home_teaching import hours_text
from schooldesk.domain.i18n import fill
from schooldesk.services.home_teaching import PlanSummary, delete_plan, list_plans
from schooldesk.ui.dialogs.home_teaching_dialogs import PlanDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.home_teaching_window import HomeTeachingWindow
from schooldesk.ui.month_text import visits_text
from schooldesk.ui.state import CLASSES, HOME_TEACHING, PUPILS, RULES, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


class HomeTeachingPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HomeTeachingPage")
        self.state = state
        self.window_for_plan: HomeTeachingWindow | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)  # else its text sets the main window's minimum width
        self.model: RowTableModel[PlanSummary] = RowTableModel([
            Column(self.tr("Child"), lambda s: s.plan.pupil_name, names=True),
            Column(self.tr("Class"), lambda s: s.class_name),
            Column(self.tr("Teachers"), lambda s: s.plan.teacher_names, names=True),
            Column(self.tr("Visits this semester"), lambda s: s.visits),
            Column(self.tr("Time taught"), lambda s: hours_text(s.minutes), lambda s: s.minutes),
            Column(self.tr("This month"), self._this_month),
            Column(self.tr("Months met"), lambda s: f"{s.months_met} / {len(s.months)}"),
        ], dimmed=lambda s: s.this_month is None)
        self.table = record_table(self.model, self)
        self.table.setObjectName("planTable")
        self.table.activated.connect(self.open_selected)
        self.new_button = QPushButton(self.tr("&New plan…"), self)
        self.open_button = QPushButton(self.tr("&Open visit log…"), self)
        self.edit_button = QPushButton(self.tr("&Edit plan…"), self)
        self.delete_button = QPushButton(self.tr("&Delete plan"), self)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.new_button.clicked.connect(self.new_record)
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        for button in (self.new_button, self.open_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        state.watch(self, {HOME_TEACHING, PUPILS, CLASSES, TEACHERS, RULES}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def _this_month(self, summary: PlanSummary) -> str:
        month = summary.this_month
        if month is None:
            return self.tr("outside the plan")
        if month.met:
            return fill(self.tr("met (%1 visits)"), (visits_text(month),))
        if month.visits_missing:
            return fill(self.tr("%1 of %2 visits"), (visits_text(month), str(month.required_visits)))
        return self.tr("lesson periods short")

    def refresh(self) -> None:
        semester = self.state.semester
        self.new_button.setEnabled(semester is not None and self.state.keeps_records)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            self.model.set_rows([])
            return
        got = call_service(self, lambda: list_plans(self.state.db, semester.key, date.today()))
        if not got:
            return
        rows = got.value
        selected = self.selected()
        self.model.set_rows(rows)
        self.heading.setText(fill(self.tr("Taught at home, %1: %2 children"), (semester.label_zh, str(len(rows)))))
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_plan(selected.plan.id)
        self._update_buttons()

    def selected(self) -> PlanSummary | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def select_plan(self, plan_id: int) -> None:
        for row, summary in enumerate(self.model.rows()):
            if summary.plan.id == plan_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen and self.state.keeps_records)
        self.delete_button.setEnabled(chosen and self.state.keeps_records)

    def new_record(self) -> PlanDialog | None:
        if self.state.semester is None:
            return None
        dialog = PlanDialog(self.state.db, self.state.semester, parent=self)
        dialog.saved.connect(self._plan_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        summary = self.selected()
        if summary is not None and self.state.semester is not None:
            dialog = PlanDialog(self.state.db, self.state.semester, summary.plan, self)
            dialog.saved.connect(self._plan_saved)
            dialog.open()

    def confirm_delete(self) -> QMessageBox | None:
        summary = self.selected()
        if summary is None:
            return None
        return ask_yes_no(self, fill(self.tr("Delete %1's plan for this semester?"), (summary.plan.pupil_name,)),
                          lambda: self._delete(summary.plan.id))

    def _delete(self, plan_id: int) -> None:
        call_service(self, lambda: delete_plan(self.state.db, plan_id), state=self.state, changes={HOME_TEACHING})

    def _plan_saved(self, plan) -> None:  # type: ignore[no-untyped-def]
        self.state.notify_changed(HOME_TEACHING)
        self.select_plan(plan.id)

    def open_selected(self) -> HomeTeachingWindow | None:
        summary = self.selected()
        if summary is None:
            return None
        self.window_for_plan = HomeTeachingWindow(self.state, summary.plan.id, self)
        self.window_for_plan.finished.connect(lambda _r: self.refresh())
        self.window_for_plan.show()
        return self.window_for_plan
