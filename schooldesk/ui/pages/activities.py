"""活动记录 page: the semester's activities (filters, search, add, correct, delete, print, summary, Excel) and
the 家访统计 — left-behind children not yet visited by their responsible teacher, and teachers behind."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill
from schooldesk.services.activities import ActivityFilter, ActivityRow, delete_activity, list_activities
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.classes import list_classes
from schooldesk.services.pupils import list_pupils
from schooldesk.services.teachers import list_teachers
from schooldesk.services.visit_targets import ChildVisits, TeacherVisits, visit_standing
from schooldesk.ui.dialogs.activity_dialog import ActivityChoices, ActivityDialog
from schooldesk.ui.errors import show_error
from schooldesk.ui.state import ACTIVITIES, CARE, CLASSES, DROPOUT, PUPILS, RULES, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.pages.records_page import RecordsPage
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


CHOOSE_PUPIL = QT_TRANSLATE_NOOP("Errors", "Choose a pupil in the filter (or a record with a pupil) first.")


class ActivitiesPage(RecordsPage, QWidget):
    record_changes = frozenset({ACTIVITIES, DROPOUT})  # a 家访 may be a 劝返 visit, and is support contact

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActivitiesPage")
        self.state = state
        self.dialog: ActivityDialog | None = None
        self.shown: dict[str, Any] = {}  # the newest preview or saved-file box
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._records_tab(), self.tr("&Activities"))
        self.tabs.addTab(self._visits_tab(), self.tr("&Home visits"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        state.watch(self, {ACTIVITIES, TEACHERS, CLASSES, PUPILS, CARE, RULES}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def _records_tab(self) -> QWidget:
        self.kind_filter, self.teacher_filter, self.class_filter, self.pupil_filter = (
            self.filter_box(self, name, self.refresh_records)
            for name in ("kindFilter", "teacherFilter", "classFilter", "pupilFilter"))
        self.pupil_filter.setEditable(True)  # type a name among a whole school
        self.pupil_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model: RowTableModel[ActivityRow] = RowTableModel([
            Column(self.tr("Date"), lambda r: r.date),
            Column(self.tr("Kind"), lambda r: r.kind.name + (self.tr(" (persuade-to-return)") if r.return_visit_case else "")),
            Column(self.tr("Title"), lambda r: r.title),
            Column(self.tr("Organiser"), lambda r: r.organiser.name if r.organiser else "", names=True),
            Column(self.tr("Taking part"), lambda r: r.people),
            Column(self.tr("Pupils"), lambda r: r.pupil_names),
            Column(self.tr("Photos"), lambda r: len(r.photos)),
            Column(self.tr("What was done"), lambda r: r.content.replace("\n", " ")),
        ])
        self.blank_button = QPushButton(self.tr("Blank home-&visit form…"), self)
        self.summary_button = QPushButton(self.tr("Semester &summary…"), self)
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        return self.records_tab(model, "activityTable", (
            (self.tr("Kind:"), self.kind_filter), (self.tr("Teacher:"), self.teacher_filter),
            (self.tr("Class:"), self.class_filter), (self.tr("Pupil:"), self.pupil_filter),
        ), ((self.blank_button, self.print_blank), (self.summary_button, self.print_summary),
            (self.excel_button, self.export_excel)))

    def _visits_tab(self) -> QWidget:
        tab = QWidget(self)
        self.visit_heading = QLabel(tab)
        self.visit_heading.setWordWrap(True)
        self.child_model: RowTableModel[ChildVisits] = RowTableModel([
            Column(self.tr("Pupil"), lambda c: c.pupil_name, names=True), Column(self.tr("Class"), lambda c: c.class_name),
            Column(self.tr("Responsible teacher"), lambda c: c.teacher, names=True),
            Column(self.tr("Visits / required"), lambda c: f"{c.visits} / {c.required}", lambda c: (c.visits - c.required,)),
        ], dimmed=lambda c: not c.behind)
        self.teacher_model: RowTableModel[TeacherVisits] = RowTableModel([
            Column(self.tr("Teacher"), lambda t: t.teacher, names=True),
            Column(self.tr("Visits / required"), lambda t: f"{t.visits} / {t.required}", lambda t: (t.visits - t.required,)),
        ], dimmed=lambda t: not t.behind)
        self.child_table = record_table(self.child_model, tab)
        self.child_table.setObjectName("childVisitTable")
        self.teacher_table = record_table(self.teacher_model, tab)
        self.teacher_table.setObjectName("teacherVisitTable")
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.addWidget(self.child_table)
        splitter.addWidget(self.teacher_table)
        splitter.setSizes([600, 300])
        column = QVBoxLayout(tab)
        column.addWidget(self.visit_heading)
        column.addWidget(splitter, 1)
        return tab

    # ---- reading ----
    def refresh(self) -> None:
        semester = self.state.semester
        self.new_button.setEnabled(semester is not None)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            return
        db, year = self.state.db, self.state.school_year
        got = call_service(self, lambda: (list_kinds(db, include_hidden=True), list_teachers(db),
                                          list_classes(db, year), list_pupils(db, year)))
        if not got:
            return
        kinds, teachers, classes, self.pupils = got.value
        self.kinds = kinds
        self.fill_filter(self.kind_filter, [(k.name, i) for i, k in kinds.items()])
        self.fill_filter(self.teacher_filter, [(t.name, t.id) for t in teachers])
        self.fill_filter(self.class_filter, [(c.name, c.id) for c in classes])
        self.fill_filter(self.pupil_filter, [(" ".join(filter(None, (p.name, p.class_name))), p.id) for p in self.pupils])
        self.refresh_records()
        self.refresh_visits()

    def current_filter(self) -> ActivityFilter:
        pupil = self.pupil_filter.findText(self.pupil_filter.currentText())
        return ActivityFilter(kind_id=self.kind_filter.currentData(), teacher_id=self.teacher_filter.currentData(),
                              class_id=self.class_filter.currentData(),
                              pupil_id=self.pupil_filter.itemData(pupil) if pupil > 0 else None)

    def refresh_records(self) -> None:
        semester = self.state.semester
        if semester is None:
            return
        got = call_service(self, lambda: list_activities(self.state.db, semester.key, self.current_filter()))
        if not got:
            return
        rows = got.value
        self.show_rows(rows)
        self.heading.setText(fill(self.tr("Activity records, %1: %2 shown"), (semester.label_zh, str(len(rows)))))

    def refresh_visits(self) -> None:
        semester = self.state.semester
        if semester is None:
            return
        got = call_service(self, lambda: visit_standing(self.state.db, semester.key))
        if not got:
            return
        standing = got.value
        self.child_model.set_rows(standing.children)
        self.teacher_model.set_rows(standing.teachers)
        self.child_table.resizeColumnsToContents()
        self.teacher_table.setVisible(bool(standing.teachers))
        self.visit_heading.setText(fill(self.tr("Left-behind children: %1, of whom %2 not yet visited by their responsible "
                                                "teacher this semester and %3 behind the target of %4 visits."), (
            str(len(standing.children)), str(standing.not_visited), str(standing.children_behind),
            str(standing.targets.per_child))))

    def may_write(self, row: ActivityRow) -> bool:
        """The office and administrators write every record; a teacher those they organised or took part in."""
        user = self.state.user
        return self.state.keeps_records or (user is not None and user.actor.teacher_id in row.teacher_ids)

    # ---- writing ----
    def choices(self) -> ActivityChoices:
        user = self.state.user
        own = None if self.state.keeps_records or user is None else user.actor.teacher_id
        return ActivityChoices(kinds=list_kinds(self.state.db, include_hidden=True),
                               teachers=tuple(list_teachers(self.state.db)), pupils=tuple(self.pupils), own_teacher_id=own)

    def make_dialog(self, choices: ActivityChoices, row: ActivityRow | None) -> ActivityDialog:
        return ActivityDialog(self.state.db, choices, row, self)

    def delete_question(self, row: ActivityRow) -> str:
        text = fill(self.tr("Delete “%1” of %2?"), (row.title, row.date.isoformat()))
        if row.return_visit_case:
            text += "\n\n" + self.tr("It is also a persuade-to-return visit of a dropout case, which goes with it.")
        return text

    def delete_record(self, activity_id: int) -> None:
        delete_activity(self.state.db, activity_id)

    # ---- paper and Excel ----
    def _print(self, read: Any, writer: str) -> None:
        from schooldesk.services.print_settings import pdf_font_path
        from schooldesk.ui.printing import print_read

        def write(path: Any, document: Any, font: Any) -> Any:
            from schooldesk.exports import activity_pdf

            return getattr(activity_pdf, writer)(path, document, font_path=font)

        print_read(self, read, write, lambda: pdf_font_path(self.state.db), lambda w: self.shown.__setitem__("preview", w))

    def print_selected(self) -> None:
        from schooldesk.services.activity_print import activity_sheet

        row = self.selected()
        if row is not None:
            self._print(lambda: activity_sheet(self.state.db, row.id), "write_activity_pdf")

    def print_blank(self) -> None:
        """The blank 家访记录表 for the pupil chosen in the filter, else the selected record's first pupil."""
        from schooldesk.services.activity_print import blank_home_visit

        pupil_id = self.current_filter().pupil_id
        row = self.selected()
        if pupil_id is None and row is not None and row.pupils:
            pupil_id = row.pupils[0].id
        if pupil_id is None:
            show_error(self, SchoolDeskError(CHOOSE_PUPIL))
            return
        self._print(lambda: blank_home_visit(self.state.db, pupil_id, self.state.school_year), "write_blank_home_visit_pdf")

    def print_summary(self) -> None:
        from schooldesk.services.activity_print import activity_summary

        if self.state.semester is not None:
            key = self.state.semester.key
            self._print(lambda: activity_summary(self.state.db, key), "write_activity_summary_pdf")

    def export_excel(self) -> Any:
        if self.state.semester is None:
            return None
        from schooldesk.exports.activity_pdf import write_activity_summary_xlsx
        from schooldesk.services.activity_print import activity_summary
        from schooldesk.ui.printing import save_workbook

        key = self.state.semester.key
        return save_workbook(self, self.state.db.path.parent, lambda: activity_summary(self.state.db, key),
                             write_activity_summary_xlsx, lambda box: self.shown.__setitem__("saved", box))

