"""Settings: the county's 送教上门 rule (from which month it applies) and the font the PDFs use."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from schooldesk.domain.home_teaching import RULE_UNITS, VisitRule
from schooldesk.domain.i18n import fill
from schooldesk.services.home_teaching_rules import set_visit_rule, visit_rule_on
from schooldesk.services.print_settings import pdf_font_path, set_pdf_font_path
from schooldesk.ui.saving import file_dialog
from schooldesk.ui.fields import DateField
from schooldesk.ui.state import HOME_TEACHING, RULES, AppState
from schooldesk.ui.service_call import call_service


def _spin(low: int, high: int, parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    return box


class HomeTeachingRuleBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Home teaching (送教上门) rule and printing"), parent)
        self.setObjectName("HomeTeachingRuleBox")
        self.state = state
        form = QFormLayout(self)
        self.per = QComboBox(self)
        for code, label in RULE_UNITS.items():
            self.per.addItem(label, code)
        self.min_visits = _spin(1, 31, self)
        self.periods = _spin(1, 8, self)
        self.minutes = _spin(20, 60, self)
        self.effective = DateField(date.today().replace(day=1), parent=self)
        self.effective.setDisplayFormat("yyyy-MM")
        form.addRow(self.tr("At least"), self._row(self.per, self.min_visits, self.tr("visits")))
        form.addRow(self.tr("Each visit at least"), self._row(self.periods, self.tr("lesson periods of"), self.minutes,
                                                             self.tr("minutes")))
        form.addRow(self.tr("Applies from the month of"), self.effective)
        self.save_button = QPushButton(self.tr("Save rule"), self)
        self.save_button.setObjectName("saveHomeTeachingRule")
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        self.font_path = QLineEdit(self)
        self.font_path.setReadOnly(True)
        self.font_path.setPlaceholderText(self.tr("automatic: SimSun, YaHei or WenQuanYi"))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self.choose_font)
        automatic = QPushButton(self.tr("Automatic"), self)
        automatic.clicked.connect(lambda: self.set_font(None))
        self.font_path.setToolTip(self.font_path.placeholderText())
        form.addRow(self.tr("PDF font"), self.font_path)  # a whole row: a font's path is long
        form.addRow("", self._row(choose, automatic))
        self.load()

    def _row(self, *parts: QWidget | str) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            if isinstance(part, str):
                row.addWidget(QLabel(part, holder))
            else:
                row.addWidget(part)
        row.addStretch(1)
        return holder

    _as_loaded: list[object] | None = None  # what load() showed; None when it could not read

    def load(self) -> None:
        got = call_service(self, lambda: (visit_rule_on(self.state.db, date.today()), pdf_font_path(self.state.db)))
        if not got:
            return
        rule, font = got.value
        self.per.setCurrentIndex(max(self.per.findData(rule.per), 0))
        self.min_visits.setValue(rule.min_visits)
        self.periods.setValue(rule.periods_per_visit)
        self.minutes.setValue(rule.minutes_per_period)
        self.font_path.setText(str(font) if font else "")
        self._as_loaded = self._values()

    def _values(self) -> list[object]:
        return [self.per.currentData(), self.min_visits.value(), self.periods.value(), self.minutes.value()]

    def is_edited(self) -> bool:
        return self._as_loaded is not None and self._values() != self._as_loaded

    def rule(self) -> VisitRule:
        return VisitRule(self.per.currentData(), self.min_visits.value(), self.periods.value(), self.minutes.value(),
                         self.effective.value() or date.today())

    def save(self) -> None:
        got = call_service(self, lambda: set_visit_rule(self.state.db, self.rule()))
        if not got:
            return
        rule = got.value
        self._as_loaded = self._values()
        self.state.notify_changed(RULES, HOME_TEACHING)
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            fill(self.tr("Home teaching rule saved: %1, from %2."), (rule.label_zh, f"{rule.effective_from:%Y-%m}")), 8000)

    def choose_font(self) -> None:
        file_dialog(self, "font", self.tr("Font for PDFs"), self.tr("TrueType fonts (*.ttf *.ttc)"),
                    lambda paths: self.set_font(paths[0]))

    def set_font(self, path: Path | None) -> None:
        from schooldesk.exports.pdf_fonts import can_embed

        if not call_service(self, lambda: set_pdf_font_path(self.state.db, path, can_embed=can_embed)):
            return
        self.font_path.setText(str(path) if path else "")
