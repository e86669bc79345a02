"""Settings for 听课评课: lessons each 职务 observes per semester (kept with history, from a date), the
school's rubrics (new from a copy, edit, hide, default), and the observed teacher's signature line."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from schooldesk.domain.i18n import fill
from schooldesk.domain.observation import DUTIES, MAX_QUOTA, QuotaVersion
from schooldesk.services.observation_quotas import quotas_in_force, set_quotas
from schooldesk.services.print_settings import set_taught_teacher_signs, taught_teacher_signs
from schooldesk.services.rubrics import RubricRow, list_rubrics, set_default_rubric, set_rubric_active
from schooldesk.ui.dialogs.rubric_dialog import RubricDialog
from schooldesk.ui.fields import DateField
from schooldesk.ui.state import OBSERVATIONS, RULES, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


class ObservationRulesBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lesson observation"), parent)
        self.setObjectName("ObservationRulesBox")
        self.state = state
        self.dialog: RubricDialog | None = None
        quotas = QFormLayout()
        self.quota_boxes: dict[str, QSpinBox] = {}
        for duty in DUTIES:
            box = QSpinBox(self)
            box.setObjectName(f"quota_{DUTIES.index(duty)}")
            box.setRange(0, MAX_QUOTA)
            box.setSuffix(self.tr(" lessons a semester"))
            self.quota_boxes[duty] = box
            quotas.addRow(duty, box)
        self.quotas_from = DateField(date.today(), parent=self)
        self.quotas_from.setObjectName("quotasFrom")
        self.quotas_from.setToolTip(self.tr("Days from this date on count under the new quotas; earlier days keep "
                                            "the quotas then in force."))
        quotas.addRow(self.tr("In force from"), self.quotas_from)
        self.save_quotas_button = QPushButton(self.tr("Save quotas"), self)
        self.save_quotas_button.setObjectName("saveQuotas")
        self.save_quotas_button.clicked.connect(self.save_quotas)
        quotas.addRow("", self.save_quotas_button)
        self.rubric_model: RowTableModel[RubricRow] = RowTableModel([
            Column(self.tr("Rubric"), lambda r: r.name + ("（默认）" if r.is_default else "")),
            Column(self.tr("Version"), lambda r: r.version),
            Column(self.tr("Observations"), lambda r: r.observations),
            Column(self.tr("Maximum"), lambda r: f"{r.definition.maximum:g}"),
        ], dimmed=lambda r: not r.active)
        self.rubric_table = record_table(self.rubric_model, self)
        self.rubric_table.setObjectName("rubricTable")
        self.rubric_table.setMinimumHeight(110)
        self.rubric_table.activated.connect(lambda _i: self.edit_rubric())
        self.copy_button = QPushButton(self.tr("New from a copy…"), self)
        self.edit_button = QPushButton(self.tr("Edit rubric…"), self)
        self.hide_button = QPushButton(self.tr("Hide / show"), self)
        self.default_button = QPushButton(self.tr("Use by default"), self)
        for button, slot in ((self.copy_button, self.copy_rubric), (self.edit_button, self.edit_rubric),
                             (self.hide_button, self.toggle_rubric), (self.default_button, self.make_default)):
            button.clicked.connect(slot)
        rubric_buttons = QHBoxLayout()
        for button in (self.copy_button, self.edit_button, self.hide_button, self.default_button):
            rubric_buttons.addWidget(button)
        self.taught_signs = QCheckBox(self.tr("Printed records carry the observed teacher's confirming signature"), self)
        self.taught_signs.setObjectName("taughtSigns")
        self.taught_signs.toggled.connect(self._signature_toggled)
        layout = QVBoxLayout(self)
        layout.addLayout(quotas)
        layout.addWidget(self.rubric_table)
        layout.addLayout(rubric_buttons)
        layout.addWidget(self.taught_signs)
        self.load()

    _as_loaded: list[int] | None = None

    def load(self) -> None:
        db = self.state.db
        got = call_service(self, lambda: (quotas_in_force(db, date.today()), list_rubrics(db, include_hidden=True),
                                          taught_teacher_signs(db)))
        if not got:
            return
        quotas, rubrics, signs = got.value
        for duty, box in self.quota_boxes.items():
            box.setValue(quotas[duty])
        self.rubric_model.set_rows(rubrics)
        self.rubric_table.resizeColumnsToContents()
        self.taught_signs.blockSignals(True)
        self.taught_signs.setChecked(signs)
        self.taught_signs.blockSignals(False)
        self._as_loaded = self._values()

    def _values(self) -> list[int]:
        return [box.value() for box in self.quota_boxes.values()]

    def is_edited(self) -> bool:
        return self._as_loaded is not None and self._values() != self._as_loaded

    def save(self) -> None:
        self.save_quotas()

    def save_quotas(self) -> None:
        version = QuotaVersion(effective_from=self.quotas_from.value() or date.today(),
                               quotas={duty: box.value() for duty, box in self.quota_boxes.items()})
        if not call_service(self, lambda: set_quotas(self.state.db, version)):
            return
        self._as_loaded = self._values()
        self.state.notify_changed(RULES, OBSERVATIONS)
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            fill(self.tr("Observation quotas saved; they hold from %1."), (version.effective_from.isoformat(),)), 5000)

    def selected(self) -> RubricRow | None:
        indexes = self.rubric_table.selectionModel().selectedRows()
        return self.rubric_model.row_at(indexes[0].row()) if indexes else None

    def _open(self, dialog: RubricDialog) -> RubricDialog:
        self.dialog = dialog
        dialog.saved.connect(lambda _row: self._changed())
        dialog.open()
        return dialog

    def copy_rubric(self) -> RubricDialog | None:
        row = self.selected() or (self.rubric_model.rows()[0] if self.rubric_model.rows() else None)
        if row is None:
            return None
        from dataclasses import replace

        template = replace(row.definition, name=fill(self.tr("%1 (copy)"), (row.name,))[:30])
        return self._open(RubricDialog(self.state.db, template, None, self))

    def edit_rubric(self) -> RubricDialog | None:
        row = self.selected()
        return self._open(RubricDialog(self.state.db, row.definition, row, self)) if row else None

    def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        row = self.selected()
        if row is None:
            return
        if call_service(self, lambda: action(row)):
            self._changed()

    def toggle_rubric(self) -> None:
        self._act(lambda row: set_rubric_active(self.state.db, row.id, not row.active))

    def make_default(self) -> None:
        self._act(lambda row: set_default_rubric(self.state.db, row.id))

    def _changed(self) -> None:
        self.load()
        self.state.notify_changed(RULES, OBSERVATIONS)

    def _signature_toggled(self, signs: bool) -> None:
        call_service(self, lambda: set_taught_teacher_signs(self.state.db, signs))
