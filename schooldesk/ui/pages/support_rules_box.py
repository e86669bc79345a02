"""Settings: how often each care category needs a support record (the home page's overdue list)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton, QSpinBox, QWidget

from schooldesk.domain.care import CARE_KINDS, SUPPORT_INTERVALS
from schooldesk.services.school_rules import (
    set_support_intervals, set_suspect_after_days, support_intervals, suspect_after_days,
)
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import DROPOUT, RULES, SUPPORT, AppState


class SupportRulesBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Support records needed"), parent)
        self.setObjectName("SupportRulesBox")
        self.state = state
        form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        for kind in CARE_KINDS:
            box = QComboBox(self)
            for days, label in SUPPORT_INTERVALS:
                box.addItem(label, days)
            self.boxes[kind.code] = box
            form.addRow(kind.name_zh, box)
        self.suspect_days = QSpinBox(self)
        self.suspect_days.setObjectName("suspectDays")
        self.suspect_days.setRange(1, 30)
        self.suspect_days.setSuffix(self.tr(" days absent without leave"))
        self.suspect_days.setToolTip(self.tr("A pupil absent this long is recorded as a suspected dropout (疑似辍学) "
                                             "in the monthly report."))
        form.addRow(self.tr("Suspected dropout after"), self.suspect_days)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveSupportRules")
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        self.load()

    _as_loaded: list[object] | None = None  # what load() showed; None when it could not read

    def load(self) -> None:
        got = call_service(self, lambda: (support_intervals(self.state.db), suspect_after_days(self.state.db)))
        if not got:
            return
        intervals, days = got.value
        self.suspect_days.setValue(days)
        for code, box in self.boxes.items():
            box.setCurrentIndex(max(box.findData(intervals[code]), 0))
        self._as_loaded = self._values()

    def _values(self) -> list[object]:
        return [box.currentData() for box in self.boxes.values()] + [self.suspect_days.value()]

    def is_edited(self) -> bool:
        return self._as_loaded is not None and self._values() != self._as_loaded

    def save(self) -> None:
        def save_both() -> None:
            set_support_intervals(self.state.db, {code: box.currentData() for code, box in self.boxes.items()})
            set_suspect_after_days(self.state.db, self.suspect_days.value())

        if not call_service(self, save_both, state=self.state, changes={RULES, SUPPORT, DROPOUT}):
            return
        self._as_loaded = self._values()
        self.window().statusBar().showMessage(self.tr("Support rules saved."), 5000)  # type: ignore[attr-defined]
