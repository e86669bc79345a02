"""The school's kinds of activity and their fields: add a kind, add a field (text, choice, number, date,
yes/no), hide what is no longer used. Each action is saved at once (records keep every value they hold)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.domain.activities import CHOICE, FIELD_TYPES, FieldSpec
from schooldesk.services.activity_kinds import add_field, add_kind, list_kinds, set_field_hidden, set_kind_hidden
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service

KIND_ROLE = Qt.ItemDataRole.UserRole


class ActivityKindsDialog(PreservesGeometry, QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActivityKindsDialog")
        self.setWindowTitle(self.tr("Kinds of activity"))
        self._db = db
        self.changed = False
        self.kinds = QListWidget(self)
        self.kinds.setObjectName("kindList")
        self.kinds.currentItemChanged.connect(lambda *_: self._show_fields())
        self.fields = QTableWidget(0, 4, self)
        self.fields.setObjectName("fieldTable")
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Type"), self.tr("Options"), self.tr("Shown")])
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.new_kind = QLineEdit(self)
        self.new_kind.setPlaceholderText(self.tr("e.g. 研学旅行"))
        self.add_kind_button = QPushButton(self.tr("Add kind"), self)
        self.hide_kind_button = QPushButton(self.tr("Hide / show kind"), self)
        self.field_label = QLineEdit(self)
        self.field_type = QComboBox(self)
        for code, label in FIELD_TYPES.items():
            self.field_type.addItem(label, code)
        self.field_choices = QLineEdit(self)
        self.field_choices.setPlaceholderText(self.tr("options, separated by 、"))
        self.add_field_button = QPushButton(self.tr("Add field"), self)
        self.hide_field_button = QPushButton(self.tr("Hide / show field"), self)
        for button, slot in ((self.add_kind_button, self.add_kind), (self.hide_kind_button, self.toggle_kind),
                             (self.add_field_button, self.add_field), (self.hide_field_button, self.toggle_field)):
            button.clicked.connect(slot)
        new_field = QGroupBox(self.tr("New field"), self)
        form = QFormLayout(new_field)
        form.addRow(self.tr("Label"), self.field_label)
        form.addRow(self.tr("Type"), self.field_type)
        form.addRow(self.tr("Options"), self.field_choices)
        form.addRow("", self.add_field_button)
        left = QVBoxLayout()
        left.addWidget(self.kinds, 1)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.new_kind, 1)
        kind_row.addWidget(self.add_kind_button)
        left.addLayout(kind_row)
        left.addWidget(self.hide_kind_button)
        right = QVBoxLayout()
        right.addWidget(self.fields, 1)
        right.addWidget(self.hide_field_button)
        right.addWidget(new_field)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self.resize(860, 520)
        self.restore_window_state()
        self.reload()

    def reload(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.current_kind()
        self.specs = list_kinds(self._db, include_hidden=True)
        self.kinds.clear()
        for kind_id, spec in self.specs.items():
            item = QListWidgetItem(spec.name + (self.tr(" (hidden)") if spec.hidden else ""), self.kinds)
            item.setData(KIND_ROLE, kind_id)
            if kind_id == chosen:
                self.kinds.setCurrentItem(item)
        if self.kinds.currentItem() is None and self.kinds.count():
            self.kinds.setCurrentRow(0)
        self._show_fields()

    def current_kind(self) -> int | None:
        item = self.kinds.currentItem() if hasattr(self, "kinds") else None
        return item.data(KIND_ROLE) if item is not None else None

    def _show_fields(self) -> None:
        spec = self.specs.get(self.current_kind()) if self.current_kind() is not None else None
        fields = spec.fields if spec else ()
        self.fields.setRowCount(len(fields))
        for row, f in enumerate(fields):
            for column, text in enumerate((f.label, FIELD_TYPES.get(f.type, ""), "、".join(f.choices),
                                           self.tr("hidden") if f.hidden else self.tr("shown"))):
                item = QTableWidgetItem(text)
                item.setData(KIND_ROLE, f.key)
                self.fields.setItem(row, column, item)
        self.fields.resizeColumnsToContents()

    def _act(self, action: Any) -> bool:
        if not call_service(self, action):
            return False
        self.changed = True
        return True

    def add_kind(self) -> None:
        found: list[int] = []
        if self._act(lambda: found.append(add_kind(self._db, self.new_kind.text())[0])):
            self.new_kind.clear()
            self.reload(found[0])

    def toggle_kind(self) -> None:
        kind_id = self.current_kind()
        if kind_id is not None and self._act(lambda: set_kind_hidden(self._db, kind_id, not self.specs[kind_id].hidden)):
            self.reload(kind_id)

    def add_field(self) -> None:
        kind_id = self.current_kind()
        if kind_id is None:
            return
        choices = tuple(c for c in self.field_choices.text().replace(",", "、").replace("，", "、").split("、") if c.strip())
        spec = FieldSpec(key="new", label=self.field_label.text(), type=self.field_type.currentData(),
                         choices=choices if self.field_type.currentData() == CHOICE else ())
        if self._act(lambda: add_field(self._db, kind_id, spec)):
            self.field_label.clear()
            self.field_choices.clear()
            self.reload(kind_id)

    def toggle_field(self) -> None:
        kind_id, row = self.current_kind(), self.fields.currentRow()
        if kind_id is None or row < 0:
            return
        key = self.fields.item(row, 0).data(KIND_ROLE)
        hidden = next(f.hidden for f in self.specs[kind_id].fields if f.key == key)
        if self._act(lambda: set_field_hidden(self._db, kind_id, key, not hidden)):
            self.reload(kind_id)
            self.fields.selectRow(row)

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
