"""Settings for 活动记录: the home-visit targets (optional, kept with history from a date) and the kinds of
activity with their fields."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QGroupBox, QPushButton, QSpinBox, QWidget

from schooldesk.domain.activities import VisitTargets
from schooldesk.domain.i18n import fill
from schooldesk.services.visit_targets import set_visit_targets, visit_targets_on
from schooldesk.ui.dialogs.activity_kinds_dialog import ActivityKindsDialog
from schooldesk.ui.fields import DateField
from schooldesk.ui.state import ACTIVITIES, RULES, AppState
from schooldesk.ui.service_call import call_service


class ActivityRulesBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Activity records"), parent)
        self.setObjectName("ActivityRulesBox")
        self.state = state
        self.dialog: ActivityKindsDialog | None = None
        self.opened: QDialog | None = None  # the frequency or calendar dialog last opened
        self.per_child = QSpinBox(self)
        self.per_child.setObjectName("visitsPerChild")
        self.per_teacher = QSpinBox(self)
        self.per_teacher.setObjectName("visitsPerTeacher")
        for box in (self.per_child, self.per_teacher):
            box.setRange(0, 50)
            box.setSpecialValueText(self.tr("no target"))
            box.setSuffix(self.tr(" a semester"))
        self.targets_from = DateField(date.today(), parent=self)
        self.save_button = QPushButton(self.tr("Save home-visit targets"), self)
        self.save_button.setObjectName("saveVisitTargets")
        self.save_button.clicked.connect(self.save)
        self.kinds_button = QPushButton(self.tr("Kinds and fields…"), self)
        self.kinds_button.clicked.connect(self.edit_kinds)
        self.frequency_button = QPushButton(self.tr("Frequency targets…"), self)
        self.frequency_button.setObjectName("frequencyTargets")
        self.frequency_button.clicked.connect(self.edit_frequency)
        self.due_button = QPushButton(self.tr("Calendar of what is due…"), self)
        self.due_button.setObjectName("dueDates")
        self.due_button.clicked.connect(self.edit_due_dates)
        form = QFormLayout(self)
        form.addRow(self.tr("Visits to each left-behind child"), self.per_child)
        form.addRow(self.tr("Home visits by each teacher"), self.per_teacher)
        form.addRow(self.tr("In force from"), self.targets_from)
        form.addRow("", self.save_button)
        form.addRow("", self.kinds_button)
        form.addRow("", self.frequency_button)
        form.addRow("", self.due_button)
        self.load()

    _as_loaded: list[int] | None = None

    def load(self) -> None:
        got = call_service(self, lambda: visit_targets_on(self.state.db, date.today()))
        if not got:
            return
        targets = got.value
        self.per_child.setValue(targets.per_child)
        self.per_teacher.setValue(targets.per_teacher)
        self._as_loaded = [targets.per_child, targets.per_teacher]

    def is_edited(self) -> bool:
        return self._as_loaded is not None and [self.per_child.value(), self.per_teacher.value()] != self._as_loaded

    def save(self) -> None:
        targets = VisitTargets(per_child=self.per_child.value(), per_teacher=self.per_teacher.value(),
                               effective_from=self.targets_from.value() or date.today())
        if not call_service(self, lambda: set_visit_targets(self.state.db, targets)):
            return
        self._as_loaded = [targets.per_child, targets.per_teacher]
        self.state.notify_changed(RULES, ACTIVITIES)
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            fill(self.tr("Home-visit targets saved; they hold from %1."), (targets.effective_from.isoformat(),)), 5000)

    def edit_kinds(self) -> ActivityKindsDialog:
        self.dialog = ActivityKindsDialog(self.state.db, self)
        self.dialog.finished.connect(lambda _r: self.state.notify_changed(RULES, ACTIVITIES) if self.dialog and
                                     self.dialog.changed else None)
        self.dialog.open()
        return self.dialog

    def _opened(self, dialog: QDialog) -> QDialog:
        dialog.finished.connect(lambda _r: self.state.notify_changed(RULES, ACTIVITIES) if getattr(dialog, "changed", False)
                                else None)
        dialog.open()
        self.opened = dialog
        return dialog

    def edit_frequency(self) -> QDialog:
        from schooldesk.ui.dialogs.frequency_dialog import FrequencyDialog

        return self._opened(FrequencyDialog(self.state.db, self))

    def edit_due_dates(self) -> QDialog:
        from schooldesk.ui.dialogs.due_dates_dialog import DueDatesDialog

        return self._opened(DueDatesDialog(self.state.db, self))
