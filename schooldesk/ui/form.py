"""A form whose fields show their validation message right under them."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from schooldesk.domain.errors import SchoolDeskError, ValidationError
from schooldesk.i18n import error_text
from schooldesk.ui.errors import show_error

T = TypeVar("T")

ERROR_STYLE = "color: #c0392b;"


class FieldForm(QWidget):
    """Label / field rows keyed by the field names services use in ValidationError."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._holders: dict[str, QWidget] = {}
        self._parts: list[FieldForm] = []  # forms within this one (a rubric's score items) that show their own errors

    def add_part(self, name: str, label: str, part: FieldForm) -> FieldForm:
        """A form inside this one, as one row; its fields' errors show under them, as this form's do."""
        self._parts.append(part)
        self.add(name, label, part)
        return part

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(holder)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self._layout.addRow(label, holder)
        self._fields[name] = widget
        self._errors[name] = error
        self._holders[name] = holder
        _when_edited(widget, error.hide)  # a message about the old value never stays beside a corrected one
        return widget

    def set_row_visible(self, name: str, visible: bool) -> None:
        self._layout.setRowVisible(self._holders[name], visible)

    def is_row_visible(self, name: str) -> bool:
        return not self._holders[name].isHidden()

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        for part in self._parts:
            part.clear_errors()

    def show_validation(self, error: ValidationError) -> bool:
        """Show *error* under its field and focus it; False when no field of this form has that name."""
        label = self._errors.get(error.field)
        if label is None:
            return any(part.show_validation(error) for part in self._parts)
        label.setText(error_text(error))
        label.show()
        self._fields[error.field].setFocus()
        return True


def _when_edited(widget: QWidget, then: Callable[[], None]) -> None:
    """Call *then* when the clerk changes *widget*'s value (whatever kind of input it is)."""
    for signal in ("textEdited", "textChanged", "currentIndexChanged", "editTextChanged", "valueChanged",
                   "dateChanged", "timeChanged", "toggled", "itemChanged"):
        if hasattr(widget, signal):
            getattr(widget, signal).connect(lambda *_args: then())


def submit(form: FieldForm, parent: QWidget, action: Callable[[], T]) -> tuple[bool, T | None]:
    """Run a service call for *form*: a broken rule shows under its field, other errors in a box.

    Returns (succeeded, result).
    """
    form.clear_errors()
    try:
        return True, action()
    except ValidationError as error:
        if not form.show_validation(error):
            show_error(parent, error)
    except SchoolDeskError as error:
        show_error(parent, error)
    return False, None
