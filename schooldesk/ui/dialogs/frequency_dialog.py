"""频次要求 in Settings: how often each kind of activity must be held, for the school or for each group, kept with
history (saved as a new version in force from a day). The seeds' targets can be added in one step."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.domain.frequency import (
    MAX_TIMES, PERIODS, WEEK_OF, FrequencyTarget, FrequencyVersion, validate_target,
)
from schooldesk.domain.i18n import fill
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.frequency_targets import (
    frequency_targets_on, seed_targets, set_frequency_targets, with_presets,
)
from schooldesk.ui.fields import DateField
from schooldesk.ui.service_call import call_service
from schooldesk.ui.window_state import PreservesGeometry

_GROUPS = re.compile(r"[、,，;；\s]+")


class FrequencyDialog(PreservesGeometry, QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FrequencyDialog")
        self.setWindowTitle(self.tr("Frequency targets"))
        self._db = db
        self.changed = False
        got = call_service(self, lambda: (list_kinds(db), frequency_targets_on(db, date.today())))
        kinds, version = got.value if got else ({}, FrequencyVersion(effective_from=date.today()))
        self.kinds = {spec.code: spec for spec in kinds.values()}
        self.targets: list[FrequencyTarget] = list(version.targets)
        self.table = QTableWidget(0, 1, self)
        self.table.setObjectName("frequencyTable")
        self.table.setHorizontalHeaderLabels([self.tr("Target")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._load_selected)
        self.kind = QComboBox(self)
        for code, spec in self.kinds.items():
            self.kind.addItem(spec.name, code)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_fields())
        self.times = QSpinBox(self)
        self.times.setRange(1, MAX_TIMES)
        self.per = QComboBox(self)
        for code, label in PERIODS.items():
            self.per.addItem(label, code)
        self.per.currentIndexChanged.connect(lambda _i: self.week_of.setEnabled(self.per.currentData() == WEEK_OF))
        self.week_of = QLineEdit(self)
        self.week_of.setPlaceholderText(self.tr("MM-DD, e.g. 05-25"))
        self.week_of.setEnabled(False)
        self.group_field = QComboBox(self)
        self.groups = QLineEdit(self)
        self.groups.setPlaceholderText(self.tr("e.g. 语文组、数学组 (empty: the whole school)"))
        editor = QGroupBox(self.tr("Target"), self)
        form = QFormLayout(editor)
        form.addRow(self.tr("&Kind of activity"), self.kind)
        form.addRow(self.tr("At &least"), self.times)
        form.addRow(self.tr("&How often"), self.per)
        form.addRow(self.tr("In the &week of"), self.week_of)
        form.addRow(self.tr("&Groups named by the field"), self.group_field)
        form.addRow(self.tr("&Each of the groups"), self.groups)
        row = QHBoxLayout()
        for text, slot in ((self.tr("&Add"), self.add), (self.tr("&Replace the selected"), self.replace),
                           (self.tr("&Delete the selected"), self.delete)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        form.addRow(row)
        self.since = DateField(date.today(), parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        self.preset_button = buttons.addButton(self.tr("Add the &presets"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preset_button.setToolTip(self.tr("质量分析会 twice a school year, 校际教研 and 家长会 each semester, "
                                              "心理健康教育 in the week of 25 May"))
        self.preset_button.clicked.connect(self.presets)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        saving = QFormLayout()
        saving.addRow(self.tr("In force &from"), self.since)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(editor)
        layout.addLayout(saving)
        layout.addWidget(buttons)
        self._fill_fields()
        self._show()
        self.resize(640, 560)
        self.restore_window_state()

    def _fill_fields(self) -> None:
        spec = self.kinds.get(self.kind.currentData())
        self.group_field.clear()
        self.group_field.addItem(self.tr("(none)"), "")
        for field in spec.shown_fields if spec else ():
            self.group_field.addItem(field.label, field.key)

    def _text(self, target: FrequencyTarget) -> str:
        spec = self.kinds.get(target.kind_code)
        return target.describe(spec.name if spec else target.kind_code)

    def _show(self) -> None:
        self.table.setRowCount(len(self.targets))
        for number, target in enumerate(self.targets):
            self.table.setItem(number, 0, QTableWidgetItem(self._text(target)))

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _load_selected(self) -> None:
        number = self._selected()
        if number is None:
            return
        target = self.targets[number]
        self.kind.setCurrentIndex(max(0, self.kind.findData(target.kind_code)))
        self.times.setValue(target.times)
        self.per.setCurrentIndex(max(0, self.per.findData(target.per)))
        self.week_of.setText(target.week_of)
        self.group_field.setCurrentIndex(max(0, self.group_field.findData(target.group_field)))
        self.groups.setText("、".join(target.groups))

    def edited(self) -> FrequencyTarget | None:
        target = FrequencyTarget(kind_code=self.kind.currentData() or "", times=self.times.value(),
                                 per=self.per.currentData(), week_of=self.week_of.text().strip(),
                                 group_field=self.group_field.currentData() or "",
                                 groups=tuple(g for g in _GROUPS.split(self.groups.text()) if g))
        got = call_service(self, lambda: validate_target(target))
        return got.value if got else None

    def add(self) -> None:
        target = self.edited()
        if target is not None:
            self.targets.append(target)
            self._show()

    def replace(self) -> None:
        number, target = self._selected(), self.edited()
        if number is not None and target is not None:
            self.targets[number] = target
            self._show()

    def delete(self) -> None:
        number = self._selected()
        if number is not None:
            del self.targets[number]
            self._show()

    def presets(self) -> None:
        """The seeds' targets join the list (kinds the school lacks are made now); saved with the rest."""
        got = call_service(self, lambda: (seed_targets(self._db), list_kinds(self._db)))
        if not got:
            return
        presets, kinds = got.value
        self.kinds = {spec.code: spec for spec in kinds.values()}
        chosen = self.kind.currentData()
        self.kind.clear()
        for code, spec in self.kinds.items():
            self.kind.addItem(spec.name, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.targets = list(with_presets(self.targets, presets))
        self._show()

    def save(self) -> None:
        version = FrequencyVersion(effective_from=self.since.value() or date.today(), targets=tuple(self.targets))
        if call_service(self, lambda: set_frequency_targets(self._db, version)):
            self.changed = True
            self.setToolTip(fill(self.tr("Saved; they hold from %1."), (version.effective_from.isoformat(),)))
            self.accept()
