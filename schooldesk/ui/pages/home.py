"""首页: the school at a glance."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.services.classes import list_classes
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.errors import show_error
from schooldesk.ui.state import AppState


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
        facts = QFormLayout()
        facts.addRow(self.tr("Active teachers:"), self.teachers_count)
        facts.addRow(self.tr("Classes this school year:"), self.classes_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.semester_label)
        layout.addSpacing(12)
        layout.addLayout(facts)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        state.data_changed.connect(self.refresh)
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
        try:
            teachers = list_teachers(self.state.db, include_inactive=False)
            classes = [c for c in list_classes(self.state.db, self.state.school_year) if c.active]
        except SchoolDeskError as error:
            show_error(self, error)
            return
        self.teachers_count.setText(str(len(teachers)))
        self.classes_count.setText(str(len(classes)))
