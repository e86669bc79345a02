"""班级: the classes of the chosen semester's school year."""
from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from schooldesk.domain.access import ADMIN
from schooldesk.domain.grades import grade_name_zh
from schooldesk.services.classes import list_classes, set_class_active
from schooldesk.services.rows import ClassRow
from schooldesk.ui.dialogs.class_dialog import ClassDialog
from schooldesk.ui.pages.list_page import ListPage
from schooldesk.ui.state import CLASSES, SEMESTERS, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel


class ClassesPage(ListPage):
    changes = frozenset({CLASSES})
    watches = frozenset({CLASSES, TEACHERS, SEMESTERS})
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        columns: list[Column[ClassRow]] = [
            Column(self.tr("Class"), lambda c: c.name, lambda c: c.grade * 100 + c.number),
            Column(self.tr("Grade"), lambda c: grade_name_zh(c.grade), lambda c: c.grade),
            Column(self.tr("Number"), lambda c: c.number),
            Column(self.tr("Head teacher"), lambda c: c.head_teacher_name, names=True),
            Column(self.tr("Status"), lambda c: self.tr("Active") if c.active else self.tr("Inactive")),
        ]
        super().__init__(state, RowTableModel(columns, dimmed=lambda c: not c.active), parent)
        self.setObjectName("ClassesPage")
        self.new_year_button = QPushButton(self.tr("New school &year…"), self)
        self.new_year_button.setObjectName("newSchoolYear")
        self.new_year_button.setToolTip(self.tr("Move every class up a grade and start the next school year "
                                                "(administrators)."))
        self.new_year_button.clicked.connect(self.open_new_school_year)
        self.new_year_button.setVisible(state.user is None or state.user.role == ADMIN)
        self.bar.addWidget(self.new_year_button)
        self.new_year_dialog: QWidget | None = None
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def load_rows(self, include_inactive: bool) -> list[ClassRow]:
        rows = list_classes(self.state.db, self.state.school_year)
        return rows if include_inactive else [c for c in rows if c.active]

    def open_editor(self, row: ClassRow | None) -> None:
        dialog = ClassDialog(self.state.db, self.state.school_year, row, self)
        dialog.saved.connect(self._saved)
        dialog.open()

    def open_new_school_year(self) -> QWidget | None:
        from schooldesk.ui.new_school_year_dialog import open_new_school_year

        self.new_year_dialog = open_new_school_year(self.state, self)
        return self.new_year_dialog

    def set_active(self, row: ClassRow, active: bool) -> None:
        set_class_active(self.state.db, row.id, active)
