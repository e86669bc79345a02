"""The one way the UI tells the user something: an error, a note, or a question whose answer arrives by
callback (boxes are opened, never exec()'d, so nothing blocks)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from schooldesk.diagnostics import log
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text


def show_error(parent: QWidget | None, error: SchoolDeskError) -> QMessageBox:
    """A window-modal warning in the user's language; opened, not exec()'d, so nothing blocks."""
    log.warning("told the user: %s (%s)", error.message, type(error).__name__)  # the template: no personal data
    return _tell(parent, QMessageBox.Icon.Warning, error_text(error), "errorBox")


def show_notice(parent: QWidget | None, text: str) -> QMessageBox:
    """A window-modal note that is not an error (e.g. a PDF was written, but a character is missing)."""
    return _tell(parent, QMessageBox.Icon.Information, text, "noticeBox")


def show_warnings(parent: QWidget | None, warnings: Sequence[SchoolDeskError]) -> QMessageBox | None:
    """What a finished export wants the clerk to know (a font not embedded, characters printed as □)."""
    if not warnings:
        return None
    return show_notice(parent, "\n\n".join(error_text(w) for w in warnings))


def _title(parent: QWidget | None) -> str:
    return parent.window().windowTitle() if parent is not None else "SchoolDesk"


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, text: str, name: str) -> QMessageBox:
    box = QMessageBox(icon, _title(parent), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget, text: str, buttons: QMessageBox.StandardButton, default: QMessageBox.StandardButton,
        answered: Callable[[QMessageBox.StandardButton], None], name: str = "question") -> QMessageBox:
    """A question; *answered* gets the button chosen (Escape or the close button give Cancel / No)."""
    box = QMessageBox(QMessageBox.Icon.Question, _title(parent), text, buttons, parent)
    box.setObjectName(name)
    box.setDefaultButton(default)
    box.finished.connect(lambda _result: answered(box.standardButton(box.clickedButton())))
    box.open()
    return box


def ask_yes_no(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Yes / No, No by default: for deleting something."""
    Button = QMessageBox.StandardButton
    return ask(parent, text, Button.Yes | Button.No, Button.No, lambda b: on_yes() if b == Button.Yes else None)


def ask_to_save(parent: QWidget, answered: Callable[[QMessageBox.StandardButton], None], name: str) -> QMessageBox:
    """Save / Discard / Cancel, before edits would be thrown away."""
    Button = QMessageBox.StandardButton
    text = QCoreApplication.translate("Questions", "Save the changes you made?")
    return ask(parent, text, Button.Save | Button.Discard | Button.Cancel, Button.Save, answered, name)
