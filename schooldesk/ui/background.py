"""The one way slow work (writing workbooks and PDFs) runs off the GUI thread: a busy dialog while it runs,
then *done* with its result, or the error shown, back on the GUI thread.

Work handed here must not touch the database session of the GUI thread: read what it needs first (a
frozen document from a service), then let the work lay it out and write it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from schooldesk.diagnostics import log
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.ui.errors import show_error


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which shows or reports it
            self.relay.failed.emit(error)
        else:
            self.relay.finished.emit(result)


_running: set[_Relay] = set()  # keeps each relay alive until its job has reported


def run_in_background(parent: QWidget, label: str, work: Callable[[], Any], done: Callable[[Any], None]) -> _Relay:
    """Run *work* on the thread pool with a busy dialog over *parent*; *done* gets its result."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("busyDialog")
    progress.setCancelButton(None)  # writing a file is not stopped halfway: it is replaced whole or not at all
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    relay = _Relay()
    _running.add(relay)

    def finish(result: Any) -> None:
        _running.discard(relay)
        progress.reset()
        progress.deleteLater()
        done(result)

    def fail(error: Exception) -> None:
        _running.discard(relay)
        progress.reset()
        progress.deleteLater()
        if isinstance(error, SchoolDeskError):
            show_error(parent, error)
        else:
            log.error("background work failed: %s", type(error).__name__, exc_info=error)
            show_error(parent, SchoolDeskError(_UNEXPECTED, type(error).__name__))

    relay.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(fail, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, relay))
    return relay


_UNEXPECTED = QT_TRANSLATE_NOOP("Errors", "Unexpected error (%1). Please report it with the steps that led to it.")
