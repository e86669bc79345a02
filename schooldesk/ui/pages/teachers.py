"""教师: the staff list."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
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
        self.file_button = QPushButton(self.tr("Teacher's &file…"), self)
        self.file_button.setObjectName("teacherFileButton")
        self.file_button.setToolTip(self.tr("Training, 师德, honours, and what the teacher did this semester; print "
                                            "the teacher's file."))
        self.file_button.clicked.connect(lambda: self.open_file())
        self.visits_button = QPushButton(self.tr("&Visits received…"), self)
        self.visits_button.setToolTip(self.tr("视导 and 督导 the school received, and the items to put right."))
        self.visits_button.clicked.connect(lambda: self.open_visits())
        self.outside_button = QPushButton(self.tr("&Outside observers…"), self)
        self.outside_button.setToolTip(self.tr("督学, 教研员 and others from outside who observe lessons here."))
        self.outside_button.clicked.connect(lambda: self.open_outside())
        for button in (self.file_button, self.visits_button, self.outside_button):
            self.bar.addWidget(button)
        self.opened: QWidget | None = None
        self.refresh()

    def open_file(self, teacher_id: int | None = None) -> QWidget | None:
        """The selected teacher's file (a teacher's account: their own)."""
        from schooldesk.ui.teacher_file_window import TeacherFileWindow

        row = self.selected_row()
        user = self.state.user
        own = None if self.state.keeps_records or user is None else user.actor.teacher_id
        teacher_id = teacher_id or (row.id if row is not None else own)
        if teacher_id is None:
            return None
        return self._show(TeacherFileWindow(self.state, teacher_id, self))

    def open_visits(self) -> QWidget:
        from schooldesk.ui.school_visits_window import SchoolVisitsWindow

        return self._show(SchoolVisitsWindow(self.state, self))

    def open_outside(self) -> QWidget:
        from schooldesk.ui.school_visits_window import OutsideObserversWindow

        return self._show(OutsideObserversWindow(self.state, self))

    def _show(self, window: QWidget) -> QWidget:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.opened = window
        return window

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
