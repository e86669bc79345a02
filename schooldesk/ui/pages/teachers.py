"""教师: the staff list."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton, QWidget

from schooldesk.services.rows import TeacherRow
from schooldesk.services.teacher_duties import duties_now
from schooldesk.services.teachers import list_teachers, set_teacher_active
from schooldesk.ui.dialogs.teacher_dialog import TeacherDialog
from schooldesk.ui.pages.list_page import ListPage
from schooldesk.ui.state import TEACHERS, AppState
from schooldesk.ui.teacher_import_dialog import TeacherImportDialog
from schooldesk.ui.table_model import Column, RowTableModel


class TeachersPage(ListPage):
    changes = watches = frozenset({TEACHERS})
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        columns: list[Column[TeacherRow]] = [
            Column(self.tr("Name"), lambda t: t.name, names=True),
            Column(self.tr("Gender"), lambda t: t.gender),
            Column(self.tr("Subjects"), lambda t: t.subjects),
            Column(self.tr("Title"), lambda t: t.title),
            Column(self.tr("Duties"), lambda t: "、".join(self._duties.get(t.id, ()))),
            Column(self.tr("Phone"), lambda t: t.phone),
            Column(self.tr("Status"), lambda t: self.tr("Active") if t.active else self.tr("Inactive")),
        ]
        self._duties: dict[int, tuple[str, ...]] = {}
        super().__init__(state, RowTableModel(columns, dimmed=lambda t: not t.active), parent)
        self.setObjectName("TeachersPage")
        self.import_button = QPushButton(self.tr("&Import from Excel…"), self)
        self.import_button.setToolTip(self.tr("Add or update many teachers at once from an Excel list."))
        self.import_button.clicked.connect(self.import_teachers)
        self.bar.insertWidget(self.bar.indexOf(self.new_button) + 1, self.import_button)
        self.refresh()

    def import_teachers(self) -> TeacherImportDialog:
        dialog = TeacherImportDialog(self.state, self)
        dialog.open()
        return dialog

    def load_rows(self, include_inactive: bool) -> list[TeacherRow]:
        self._duties = duties_now(self.state.db, date.today())  # 职务 held today (none: 教师)
        return list_teachers(self.state.db, include_inactive=include_inactive)

    def open_editor(self, row: TeacherRow | None) -> None:
        dialog = TeacherDialog(self.state.db, row, self)
        dialog.saved.connect(self._saved)
        dialog.open()

    def set_active(self, row: TeacherRow, active: bool) -> None:
        set_teacher_active(self.state.db, row.id, active)
