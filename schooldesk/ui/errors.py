"""The one way the UI tells the user something went wrong."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from schooldesk.diagnostics import log
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text


def show_error(parent: QWidget | None, error: SchoolDeskError) -> QMessageBox:
    """A window-modal warning in the user's language; opened, not exec()'d, so nothing blocks."""
    log.warning("told the user: %s (%s)", error.message, type(error).__name__)  # the template: no personal data
    title = parent.window().windowTitle() if parent is not None else "SchoolDesk"
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_notice(parent: QWidget | None, text: str) -> QMessageBox:
    """A window-modal note that is not an error (e.g. a PDF was written, but a character is missing)."""
    title = parent.window().windowTitle() if parent is not None else "SchoolDesk"
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("noticeBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
