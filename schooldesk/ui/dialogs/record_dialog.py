"""Base of every add/edit dialog: a FieldForm, Save/Cancel, Ctrl+S, errors shown at the field."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from schooldesk.ui.form import FieldForm, submit
from schooldesk.ui.window_state import PreservesGeometry


class RecordDialog(PreservesGeometry, QDialog):
    """Subclasses build fields on ``self.form`` and implement ``save()`` by calling a service."""

    saved = Signal(object)  # the row the service returned

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = FieldForm(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)

    def save(self) -> Any:
        raise NotImplementedError

    def try_save(self) -> bool:
        """Save through the service; on a rule broken, show it next to its field and stay open."""
        succeeded, row = submit(self.form, self, self.save)
        if succeeded:
            self.saved.emit(row)
            self.accept()
        return succeeded

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.restore_window_state()
        super().showEvent(event)

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
