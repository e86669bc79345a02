"""报送日历 in Settings: when the monthly report, the bundle, the work summaries and the 摸底 rounds are due,
kept with history (a new version holds from a day)."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.frequency import DueDates
from schooldesk.services.due_dates import due_dates_on, set_due_dates
from schooldesk.ui.fields import DateField
from schooldesk.ui.service_call import call_service

_ROUNDS = re.compile(r"[、,，;；\s]+")


class DueDatesDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DueDatesDialog")
        self.setWindowTitle(self.tr("Calendar of what is due"))
        self._db = db
        self.changed = False
        got = call_service(self, lambda: due_dates_on(db, date.today()))
        current = got.value if got else DueDates()
        self.monthly_day = QSpinBox(self)
        self.monthly_day.setRange(1, 28)
        self.monthly_day.setValue(current.monthly_report_day)
        self.monthly_day.setPrefix(self.tr("by the "))
        self.monthly_day.setSuffix(self.tr(" of the next month"))
        self.bundle_days = QSpinBox(self)
        self.summary_days = QSpinBox(self)
        for box, value in ((self.bundle_days, current.bundle_days_before_end),
                           (self.summary_days, current.summary_days_before_end)):
            box.setRange(0, 60)
            box.setValue(value)
            box.setSuffix(self.tr(" days before the term ends"))
        self.rounds = QLineEdit("、".join(current.survey_rounds), self)
        self.rounds.setPlaceholderText(self.tr("MM-DD, e.g. 09-30、03-31"))
        self.since = DateField(date.today(), parent=self)
        form = QFormLayout(self)
        form.addRow(self.tr("&Monthly report (控辍保学月报)"), self.monthly_day)
        form.addRow(self.tr("Semester &bundle"), self.bundle_days)
        form.addRow(self.tr("Work &summaries"), self.summary_days)
        form.addRow(self.tr("适龄儿童摸底 &rounds"), self.rounds)
        form.addRow(self.tr("In force &from"), self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        dates = DueDates(effective_from=self.since.value() or date.today(), monthly_report_day=self.monthly_day.value(),
                         bundle_days_before_end=self.bundle_days.value(),
                         summary_days_before_end=self.summary_days.value(),
                         survey_rounds=tuple(r for r in _ROUNDS.split(self.rounds.text()) if r))
        if call_service(self, lambda: set_due_dates(self._db, dates)):
            self.changed = True
            self.accept()
