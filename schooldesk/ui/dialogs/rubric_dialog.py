"""Edit one of the school's observation rubrics: its name, how items are scored, the items with their weights
(and, if the school wants, their own grades), and the grades of the total."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill
from schooldesk.domain.rubrics import LABEL_SETS, MODES, RATINGS, RubricDefinition, RubricItem, parse_bands
from schooldesk.services.rubrics import RubricRow, add_rubric, update_rubric
from schooldesk.ui.dialogs.record_dialog import RecordDialog

NAME, WEIGHT, BANDS = range(3)


class RubricItems(QWidget):
    """The items as a small table (name, weight, own grades) with Add and Remove."""

    def __init__(self, items: tuple[RubricItem, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("rubricItems")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Weight"), self.tr("Own grades (optional)")])
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(BANDS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(200)
        for item in items:
            self.add_item(item.name, f"{item.weight:g}", item.bands.text if item.bands else "")
        self.add_button = QPushButton(self.tr("Add item"), self)
        self.remove_button = QPushButton(self.tr("Remove item"), self)
        self.add_button.clicked.connect(lambda: self.add_item("", "10", ""))
        self.remove_button.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def add_item(self, name: str, weight: str, bands: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((NAME, name), (WEIGHT, weight), (BANDS, bands)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def items(self) -> tuple[RubricItem, ...]:
        found = []
        for row in range(self.table.rowCount()):
            name, weight, bands = (self.table.item(row, c).text().strip() if self.table.item(row, c) else ""
                                   for c in range(3))
            try:
                value = float(weight)
            except ValueError:
                raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "The weight of “%1” must be from 1 to %2."),
                                      name, 100) from None
            found.append(RubricItem(name=name, weight=value, bands=parse_bands(bands, "items") if bands else None))
        return tuple(found)


class RubricDialog(RecordDialog):
    """New (a copy of *template*) or edit (*rubric*); a rubric already used gets a new version on save."""

    def __init__(self, db: Database, template: RubricDefinition, rubric: RubricRow | None = None,
                 parent: QWidget | None = None, *, save_with: Callable[[RubricDefinition], Any] | None = None) -> None:
        """*save_with*: another form kept like a rubric (the mentorship assessment) is saved by it instead."""
        super().__init__(self.tr("Edit rubric") if rubric or save_with else self.tr("New rubric"), parent)
        self.setObjectName("RubricDialog")
        self._db, self._rubric, self._save_with = db, rubric, save_with
        f = self.form
        self.name = f.add("name", self.tr("&Name"), QLineEdit(template.name, self))
        self.mode = QComboBox(self)
        for code, label in MODES.items():
            self.mode.addItem(label, code)
        self.mode.setCurrentIndex(self.mode.findData(template.mode))
        f.add("mode", self.tr("&Scored by"), self.mode)
        self.labels = QComboBox(self)
        for key, labels in LABEL_SETS.items():
            self.labels.addItem("、".join(f"{l}={p}" for l, p in labels), key)
        chosen = next((k for k, v in LABEL_SETS.items() if v == template.labels), next(iter(LABEL_SETS)))
        self.labels.setCurrentIndex(self.labels.findData(chosen))
        f.add("labels", self.tr("&Rating labels"), self.labels)
        self.items = f.add("items", self.tr("&Items"), RubricItems(template.items, self))
        self.bands = f.add("bands", self.tr("&Grades of the total"), QLineEdit(template.bands.text, self))
        self.bands.setPlaceholderText("优 90，良 80，合格 60，不合格")
        self.bands.setToolTip(self.tr("Each grade with its lowest score, highest first; the last grade has no number."))
        self.mode.currentIndexChanged.connect(self._mode_chosen)
        self._mode_chosen()
        if rubric is not None and rubric.observations:
            self.used_note = f.add("used", "", QLineEdit(self))
            self.used_note.setReadOnly(True)
            self.used_note.setText(fill(self.tr("Used by %1 observations: saving makes a new version; they keep theirs."),
                                        (str(rubric.observations),)))

    def _mode_chosen(self) -> None:
        self.form.set_row_visible("labels", self.mode.currentData() == RATINGS)

    def definition(self) -> RubricDefinition:
        mode = self.mode.currentData()
        return RubricDefinition(name=self.name.text(), mode=mode, items=self.items.items(),
                                bands=parse_bands(self.bands.text()),
                                labels=LABEL_SETS[self.labels.currentData()] if mode == RATINGS else ())

    def save(self) -> Any:
        if self._save_with is not None:
            return self._save_with(self.definition())
        if self._rubric is None:
            return add_rubric(self._db, self.definition())
        return update_rubric(self._db, self._rubric.id, self.definition())

