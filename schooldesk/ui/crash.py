"""An unexpected error in the desktop app is shown, never only logged: a plain message in the clerk's
language, 复制详细信息 (the version, the time and the traceback, masked as the log masks it) to paste
into a message to whoever helps, and the same in the log file."""
from __future__ import annotations

import sys
import traceback
from datetime import datetime
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from schooldesk.diagnostics import log, scrub

_shown: list[QDialog] = []  # kept alive while open


def details_text(error: BaseException, when: datetime | None = None) -> str:
    """What 复制详细信息 copies: no personal data (ID and phone numbers masked, Chinese text blanked)."""
    from schooldesk import __version__

    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return scrub(f"SchoolDesk {__version__}\n{(when or datetime.now()).isoformat(timespec='seconds')}\n"
                 f"Python {sys.version.split()[0]}, {sys.platform}\n\n{trace}")


class UnexpectedErrorDialog(QDialog):
    """The message, the details (folded away until asked for) and 复制详细信息, which keeps the box open."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedError")
        self.setWindowTitle("SchoolDesk")
        self.details = details
        self.message = QLabel(QCoreApplication.translate(
            "Crash", "Something went wrong that SchoolDesk did not expect. What you saved before is kept.\n\n"
                     "If it happens again, press “Copy details” and send them with what you were doing."), self)
        self.message.setWordWrap(True)
        self.text = QPlainTextEdit(details, self)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(QCoreApplication.translate("Crash", "&Copy details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = buttons.addButton(QCoreApplication.translate("Crash", "&Show details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.show_button.clicked.connect(lambda: self.text.setVisible(not self.text.isVisible()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(QCoreApplication.translate("Crash", "Copied"))


def show_unexpected(parent: QWidget | None, error: BaseException) -> UnexpectedErrorDialog:
    """Log *error* and tell the clerk in plain words, with the details one click from the clipboard."""
    log.error("unexpected %s", type(error).__name__, exc_info=(type(error), error, error.__traceback__))
    dialog = UnexpectedErrorDialog(details_text(error), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: _shown.remove(dialog) if dialog in _shown else None)
    _shown.append(dialog)
    dialog.open()
    return dialog


def install_crash_dialog() -> None:
    """Errors nobody caught (a slot, a timer, an event handler) reach the clerk as well as the log."""
    previous = sys.excepthook

    def show(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if QApplication.instance() is None or issubclass(kind, (KeyboardInterrupt, SystemExit)):
            previous(kind, error, trace)
            return
        error.__traceback__ = trace
        show_unexpected(QApplication.activeWindow(), error)

    sys.excepthook = show
