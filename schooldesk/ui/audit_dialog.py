"""The audit trail for administrators: filter by dates, user, kind of record and text; export to Excel.
Read-only: the app offers no way to change an entry (and SQLite triggers refuse one)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.exports.audit_sheet import write_audit_xlsx
from schooldesk.services.school import get_school
from schooldesk.i18n import error_text
from schooldesk.services.audit import (
    RECORD_KINDS, SYSTEM, AuditFilter, AuditRow, audit_chain, audit_usernames, chain_status, list_audit,
)
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.fields import DateField
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service


class AuditDialog(PreservesGeometry, QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AuditDialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self._db = db
        school = get_school(db)
        self._school_name = school.name if school else ""
        self.rows: list[AuditRow] = []
        self.since = DateField(date.today() - timedelta(days=30), optional=True, parent=self)
        self.until = DateField(None, optional=True, parent=self)
        self.user = QComboBox(self)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("all records"), "")
        for table, name in RECORD_KINDS.items():
            self.kind.addItem(name, table)
        self.find = QLineEdit(self)
        self.find.setPlaceholderText(self.tr("name or value"))
        self.count = QLabel(self)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.clicked.connect(self.choose_export)
        self.model: RowTableModel[AuditRow] = RowTableModel([
            Column(self.tr("When"), lambda r: r.at.strftime("%Y-%m-%d %H:%M:%S")),
            Column(self.tr("User"), lambda r: self._user(r.username), names=True),
            Column(self.tr("Action"), lambda r: r.action_zh),
            Column(self.tr("Record"), lambda r: f"{r.kind_zh} {r.record_text}".strip()),
            Column(self.tr("Changes"), lambda r: r.changes_text),
        ])
        self.table = record_table(self.model, self)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.since), (self.tr("Until"), self.until), (self.tr("User"), self.user),
                              (self.tr("Record"), self.kind), (self.tr("Find"), self.find)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        for signal in (self.since.dateChanged, self.until.dateChanged, self.user.currentIndexChanged,
                       self.kind.currentIndexChanged, self.find.textChanged):
            signal.connect(self.refresh)
        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("chainLabel")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.chain_label)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1000, 600)
        self.restore_window_state()
        self._fill_users()
        self.show_chain()
        self.refresh()

    def show_chain(self) -> None:
        """Whether the trail is whole (every entry chained to the one before): green, or where it breaks."""
        got = call_service(self, lambda: audit_chain(self._db))
        if not got:
            return
        check = got.value
        self.chain_label.setText(error_text(chain_status(check)))
        self.chain_label.setStyleSheet("color: #1e7b34;" if check.intact else "color: #b03a2e; font-weight: bold;")

    def _fill_users(self) -> None:
        self.user.addItem(self.tr("everyone"), "")
        got = call_service(self, lambda: audit_usernames(self._db))
        for name in got.value or ():
            self.user.addItem(self._user(name), name)

    def wanted(self) -> AuditFilter:
        return AuditFilter(self.since.value(), self.until.value(), self.user.currentData() or "",
                           self.kind.currentData() or "", self.find.text())

    def refresh(self) -> None:
        got = call_service(self, lambda: list_audit(self._db, self.wanted(), translate=QCoreApplication.translate))
        if not got:
            return
        self.rows = got.value
        self.model.set_rows(self.rows)
        self.table.resizeColumnsToContents()
        self.count.setText(fill(self.tr("%1 entries"), (str(len(self.rows)),)))

    def choose_export(self) -> None:
        file_dialog(self, "excel", self.tr("Export the audit trail"), self.tr("Excel workbook (*.xlsx)"),
                    lambda paths: self.export_to(paths[0]), save_as=f"审计日志_{date.today():%Y%m%d}.xlsx", suffix="xlsx")

    def export_to(self, path: Path) -> bool:
        if not call_service(self, lambda: write_audit_xlsx(path, self.rows, school_name=self._school_name)):
            return False
        self.saved_box = show_saved(self, path)
        return True

    def _user(self, username: str) -> str:
        """SYSTEM is no one's name: changes made at set-up or from the command line."""
        return self.tr("system (set-up, command line)") if username == SYSTEM else username

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
