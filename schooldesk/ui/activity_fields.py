"""The activity form's special parts: a kind's own fields (built from its definition, each checked at its
field), a picker for the pupils who took part, and photo captions."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.activities import CHOICE, DATE, NUMBER, YES, NO, YESNO, KindSpec
from schooldesk.services.pupils import PupilRow
from schooldesk.ui.fields import ChoiceBox, DateField
from schooldesk.ui.form import FieldForm

PUPIL_ROLE = Qt.ItemDataRole.UserRole


class KindValuesForm(FieldForm):
    """One row per shown field of the kind (``value_<key>``); values of hidden fields are kept untouched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: KindSpec | None = None
        self.inputs: dict[str, QWidget] = {}

    def set_kind(self, kind: KindSpec | None, values: Mapping[str, str] = ()) -> None:  # type: ignore[assignment]
        values = dict(values or {})
        while self._layout.rowCount():
            self._layout.removeRow(0)
        for kept in (self._fields, self._errors, self._holders):
            kept.clear()
        self.kind, self.inputs = kind, {}
        for spec in kind.shown_fields if kind else ():
            value = values.get(spec.key, "")
            if spec.type in (CHOICE, YESNO):
                widget: QWidget = ChoiceBox(spec.choices if spec.type == CHOICE else (YES, NO), current=value, parent=self)
            elif spec.type == DATE:
                from datetime import date

                widget = DateField(date.fromisoformat(value) if value else None, optional=True, parent=self)
            else:
                widget = QLineEdit(value, self)
                if spec.type == NUMBER:
                    widget.setMaximumWidth(120)
            widget.setObjectName(f"value_{spec.key}")
            self.inputs[spec.key] = widget
            self.add(f"value_{spec.key}", spec.label, widget)

    def values(self) -> dict[str, str]:
        found = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, DateField):
                day = widget.value()
                found[key] = day.isoformat() if day else ""
            elif isinstance(widget, QComboBox):
                found[key] = widget.currentText()
            elif isinstance(widget, QLineEdit):
                found[key] = widget.text()
        return found


class PupilPicker(QWidget):
    """Type a name to find a pupil, 添加 them; the chosen ones are listed and can be removed (Delete).
    *changed* is emitted once the list says who is chosen (a row's pupil is set after the row is inserted)."""

    changed = Signal()

    def __init__(self, pupils: Sequence[PupilRow], chosen: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox(self)
        self.choice.setObjectName("pupilChoice")
        self.choice.setEditable(True)
        self.choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._labels: dict[int, str] = {}
        for pupil in pupils:
            label = " ".join(filter(None, (pupil.name, pupil.class_name)))
            self._labels[pupil.id] = label
            self.choice.addItem(label, pupil.id)
        self.choice.setCurrentIndex(-1)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.list = QListWidget(self)
        self.list.setObjectName("chosenPupils")
        self.list.setMaximumHeight(90)
        for pupil_id in chosen:
            self.add_pupil(pupil_id)
        self.add_button.clicked.connect(self._add_current)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.installEventFilter(self)  # Delete removes the selected pupils
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setFocusProxy(self.choice)

    def _add_current(self) -> None:
        index = self.choice.findText(self.choice.currentText())
        if index >= 0:
            self.add_pupil(self.choice.itemData(index))
            self.choice.setCurrentIndex(-1)

    def add_pupil(self, pupil_id: int, label: str = "") -> None:
        if pupil_id in self.pupil_ids():
            return
        item = QListWidgetItem(label or self._labels.get(pupil_id, str(pupil_id)))
        item.setData(PUPIL_ROLE, pupil_id)
        self.list.addItem(item)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Delete) and self.list.selectedItems()):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def pupil_ids(self) -> tuple[int, ...]:
        return tuple(self.list.item(r).data(PUPIL_ROLE) for r in range(self.list.count()))
