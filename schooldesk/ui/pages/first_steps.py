"""The first steps of a new school on the home page, in order, until each is done: Enter or a double-click
opens the page where it is done."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.services.home import FirstStep

STEP_ROLE = Qt.ItemDataRole.UserRole


class FirstStepsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("First steps"), parent)
        self.setObjectName("firstSteps")
        self.note = QLabel(self.tr("Until these are done the lists below cannot tell you much. Double-click a step "
                                   "(or press Enter) to go where it is done."), self)
        self.note.setWordWrap(True)
        self.steps = QListWidget(self)
        self.steps.setObjectName("firstStepsList")
        self.steps.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.steps)
        self.texts = {
            "school": self.tr("Fill in the school's details (principal, county: they print on every document)"),
            "teachers": self.tr("Add the teachers (one by one, or from an Excel list)"),
            "roster": self.tr("Import the pupils' roster from the student-status system"),
            "care": self.tr("Mark the pupils in care (left-behind, disabled, struggling …) with their responsible "
                            "teacher"),
            "rules": self.tr("Look over the school's rules in Settings (support intervals, 送教上门, quotas, "
                             "home-visit targets) and save them"),
        }

    def show_steps(self, steps: Sequence[FirstStep]) -> None:
        """Listed in order, the next one to do marked; the box hides itself once every step is done."""
        self.steps.clear()
        next_one = next((s for s in steps if not s.done), None)
        for number, step in enumerate(steps, 1):
            mark = "✓" if step.done else ("→" if step is next_one else "　")
            state = self.tr("done") if step.done else (self.tr("next") if step is next_one else self.tr("to do"))
            item = QListWidgetItem(fill(self.tr("%1 %2. %3 — %4"), (mark, str(number), self.texts[step.code], state)),
                                   self.steps)
            item.setData(STEP_ROLE, step)
            if step.done:
                item.setForeground(Qt.GlobalColor.darkGray)
        if next_one is not None:
            self.steps.setCurrentRow(list(steps).index(next_one))
        self.steps.setFixedHeight(self.steps.sizeHintForRow(0) * max(1, len(steps)) + 2 * self.steps.frameWidth() + 4)
        self.setVisible(next_one is not None)

    def _open(self, item: QListWidgetItem) -> None:
        step: FirstStep = item.data(STEP_ROLE)
        window = self.window()
        if hasattr(window, "open_page"):
            window.open_page(step.page)
