"""What every screen shares: the open database, the chosen semester, one "data changed" signal."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from schooldesk.db.database import Database
from schooldesk.services.rows import SchoolDetails, SemesterRow
from schooldesk.services.school import get_school
from schooldesk.services.semesters import current_semester, list_semesters


class AppState(QObject):
    """Views listen to ``data_changed`` and ``semester_changed`` and refresh themselves."""

    data_changed = Signal()
    semester_changed = Signal(object)  # SemesterRow

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.school: SchoolDetails | None = None
        self.semesters: list[SemesterRow] = []
        self.semester: SemesterRow | None = None
        self.reload(today=date.today())

    def reload(self, today: date | None = None) -> None:
        """Re-read the school and its terms, keeping the chosen term when it still exists."""
        self.school = get_school(self.db)
        self.semesters = list_semesters(self.db)
        chosen = self.semester.key if self.semester else None
        self.semester = next((s for s in self.semesters if s.key == chosen), None) or current_semester(
            self.semesters, today or date.today()
        )

    def choose_semester(self, semester: SemesterRow) -> None:
        if semester != self.semester:
            self.semester = semester
            self.semester_changed.emit(semester)

    @property
    def school_year(self) -> int:
        return self.semester.key.school_year if self.semester else date.today().year

    def notify_changed(self) -> None:
        self.reload()
        self.data_changed.emit()
