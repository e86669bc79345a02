"""工作总结 page: each record family's work summary drafted from the semester's records as a Word document the
clerk completes; when each is due, whether it is drafted, and every figure the last draft states."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import fill
from schooldesk.services.due_dates import SUMMARY_FAMILIES, DueItem, due_items
from schooldesk.ui.background import run_in_background
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import EVERYTHING, USERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table


class SummariesPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SummariesPage")
        self.state = state
        self.result: Any = None  # the last (path, WorkSummary) written
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.model: RowTableModel[tuple[str, DueItem | None]] = RowTableModel([
            Column(self.tr("Work summary"), lambda r: f"{SUMMARY_FAMILIES[r[0]]}工作总结"),
            Column(self.tr("Due"), lambda r: r[1].date.isoformat() if r[1] else ""),
            Column(self.tr("State"), lambda r: self.tr("drafted") if r[1] and r[1].done else self.tr("not drafted yet")),
        ])
        self.table = record_table(self.model, self)
        self.table.setObjectName("summaryTable")
        self.table.activated.connect(lambda _index: self.draft())
        self.figures_title = QLabel(self.tr("Figures the draft states (each as the registers count it):"), self)
        self.figures_model: RowTableModel[tuple[str, object]] = RowTableModel([
            Column(self.tr("Figure"), lambda f: f[0]), Column(self.tr("Value"), lambda f: str(f[1]))])
        self.figures_table = record_table(self.figures_model, self)
        self.figures_table.setObjectName("summaryFigures")
        self.draft_button = QPushButton(self.tr("&Draft as a Word document…"), self)
        self.draft_button.clicked.connect(self.draft)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.draft)
        note = QLabel(self.tr("The draft opens in Word or WPS: the headings, the figures and small tables are "
                              "written; complete the parts marked 【请补充】 (highlighted) before handing it in."), self)
        note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.draft_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.figures_title)
        layout.addWidget(self.figures_table, 2)
        state.watch(self, EVERYTHING - {USERS}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        semester = self.state.semester
        self.draft_button.setEnabled(semester is not None)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            self.model.set_rows([])
            return
        self.heading.setText(fill(self.tr("Work summaries, %1"), (semester.label_zh,)))
        got = call_service(self, lambda: due_items(self.state.db, semester.key))
        items = got.value if got else []
        due = {i.family: i for i in items if i.what.endswith("工作总结")}
        chosen = self.selected()
        self.model.set_rows([(family, due.get(family)) for family in SUMMARY_FAMILIES])
        self.table.resizeColumnsToContents()
        families = list(SUMMARY_FAMILIES)
        self.table.selectRow(families.index(chosen) if chosen in families else 0)

    def selected(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row())[0] if indexes else None

    def draft(self) -> Any:
        family, semester = self.selected(), self.state.semester
        if family is None or semester is None:
            return None
        school = self.state.school.name if self.state.school else ""
        name = document_name(school, semester.label_zh, f"{SUMMARY_FAMILIES[family]}工作总结", suffix=".docx")
        return file_dialog(self, "summary", self.tr("Draft the work summary"), self.tr("Word document (*.docx)"),
                           lambda paths: self.draft_to(paths[0], family), save_as=name, suffix="docx")

    def draft_to(self, path: Path, family: str) -> Any:
        from schooldesk.exports.files import check_output

        semester = self.state.semester
        got = call_service(self, lambda: check_output(path, self.state.db.path.parent))
        if not got or semester is None:
            return None
        path, db, key = got.value, self.state.db, semester.key

        def work(_progress: Any) -> Any:
            from schooldesk.exports.summary_docx import write_summary_docx
            from schooldesk.services.hand_ins import note_hand_in, summary_key
            from schooldesk.services.work_summary import work_summary

            summary = work_summary(db, key, family, today=date.today())
            written = write_summary_docx(path, summary)
            note_hand_in(db, summary_key(family, key))
            return written, summary

        return run_in_background(self, self.tr("Drafting the work summary…"), work, self._drafted)

    def _drafted(self, result: Any) -> None:
        self.result = result
        path, summary = result
        self.figures_model.set_rows(list(summary.figures.items()))
        self.figures_table.resizeColumnsToContents()
        self.refresh()
        show_saved(self, path)
