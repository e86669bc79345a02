"""Settings for 师徒结对: the targets (a preset, in force from a date), the agreement's wording, and the
year-end assessment form."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.domain.mentorship import PRESETS, TargetVersion, targets_on
from schooldesk.services.mentorship_assessment import assessment_form, set_assessment_form
from schooldesk.services.mentorship_print import PLACEHOLDERS, agreement_template, set_agreement_template
from schooldesk.services.mentorship_targets import set_targets, target_versions
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.dialogs.rubric_dialog import RubricDialog
from schooldesk.ui.fields import DateField, TextArea
from schooldesk.ui.state import MENTORSHIP, RULES, AppState
from schooldesk.ui.service_call import call_service


class AgreementTemplateDialog(RecordDialog):
    """The 师徒结对协议书's wording; {师傅}, {徒弟} … are filled for each pair."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Agreement wording"), parent)
        self.setObjectName("AgreementTemplateDialog")
        self._db = db
        self.text = self.form.add("template", self.tr("&Wording"), TextArea(agreement_template(db)))
        self.text.setMaximumHeight(16777215)
        self.text.setMinimumSize(560, 420)
        self.text.setToolTip(fill(self.tr("Placeholders: %1"), ("、".join(f"{{{p}}}" for p in PLACEHOLDERS),)))

    def save(self) -> str:
        return set_agreement_template(self._db, self.text.text())


class MentorshipRulesBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mentoring"), parent)
        self.setObjectName("MentorshipRulesBox")
        self.state = state
        self.dialog: Any = None
        self.preset = QComboBox(self)
        self.preset.setObjectName("targetPreset")
        for name, targets in PRESETS.items():
            self.preset.addItem(name, name)
            self.preset.setItemData(self.preset.count() - 1, "；".join(t.label_zh for t in targets), 3)  # tooltip
        self.targets_from = DateField(date.today(), parent=self)
        self.save_button = QPushButton(self.tr("Save targets"), self)
        self.save_button.setObjectName("saveTargets")
        self.save_button.clicked.connect(self.save)
        self.template_button = QPushButton(self.tr("Agreement wording…"), self)
        self.template_button.clicked.connect(self.edit_template)
        self.form_button = QPushButton(self.tr("Assessment form…"), self)
        self.form_button.clicked.connect(self.edit_form)
        form = QFormLayout(self)
        form.addRow(self.tr("Targets"), self.preset)
        form.addRow(self.tr("In force from"), self.targets_from)
        form.addRow("", self.save_button)
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addWidget(self.form_button)
        row.addStretch(1)
        form.addRow("", row)
        self.load()

    _as_loaded: str | None = None

    def load(self) -> None:
        got = call_service(self, lambda: targets_on(date.today(), target_versions(self.state.db)))
        if not got:
            return
        current = got.value
        name = next((n for n, t in PRESETS.items() if t == current), None)
        if name is not None:
            self.preset.setCurrentIndex(self.preset.findData(name))
        self._as_loaded = self.preset.currentData()

    def is_edited(self) -> bool:
        return self._as_loaded is not None and self.preset.currentData() != self._as_loaded

    def save(self) -> None:
        version = TargetVersion(effective_from=self.targets_from.value() or date.today(),
                                targets=PRESETS[self.preset.currentData()])
        if not call_service(self, lambda: set_targets(self.state.db, version)):
            return
        self._as_loaded = self.preset.currentData()
        self.state.notify_changed(RULES, MENTORSHIP)
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            fill(self.tr("Mentoring targets saved; they hold from %1."), (version.effective_from.isoformat(),)), 5000)

    def edit_template(self) -> AgreementTemplateDialog:
        self.dialog = AgreementTemplateDialog(self.state.db, self)
        self.dialog.open()
        return self.dialog

    def edit_form(self) -> RubricDialog | None:
        got = call_service(self, lambda: assessment_form(self.state.db))
        if not got:
            return None
        current = got.value
        self.dialog = RubricDialog(self.state.db, current, None, self,
                                   save_with=lambda form: set_assessment_form(self.state.db, form))
        self.dialog.open()
        return self.dialog
