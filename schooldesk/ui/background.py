"""The one way slow work runs off the GUI thread — imports, PDFs and workbooks, backups, restores, a new
school year: a progress dialog while it runs (a moving bar when the work reports steps, 取消 when stopping
it is safe), then *done* with its result, or the error shown, back on the GUI thread.

Work gets a ``Progress``: ``progress.report(done, total)`` moves the bar and, once the clerk has pressed
Cancel, raises ``Cancelled`` so the work's transaction rolls back. Work must not touch the GUI thread's
widgets; each service call opens its own unit of work.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from schooldesk.domain.errors import Cancelled, SchoolDeskError
from schooldesk.ui.errors import show_error

REPORT_EVERY_S = 0.05  # the bar moves at most 20 times a second, however fast the rows go


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class Progress:
    """What the work sees: report steps, and learn (by Cancelled) that the clerk stopped it."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._stop = threading.Event()
        self._last = 0.0

    def report(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last >= REPORT_EVERY_S or done >= total:
            self._last = now
            self._relay.progressed.emit(done, total)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress, relay: _Relay) -> None:
        super().__init__()
        self.work, self.progress, self.relay = work, progress, relay

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which shows or reports it
            self._tell(self.relay.failed, error)
        else:
            self._tell(self.relay.finished, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app is closing and the relay went with it: nobody is left to tell
            pass


class Task:
    """A running piece of work: its dialog and progress (kept alive until it reports)."""

    def __init__(self, dialog: QProgressDialog, progress: Progress, relay: _Relay) -> None:
        self.dialog, self.progress, self.relay = dialog, progress, relay
        self.running = True


_running: set[Task] = set()


def run_in_background(parent: QWidget, label: str, work: Callable[[Progress], Any], done: Callable[[Any], None],
                      *, cancellable: bool = False, cancelled: Callable[[], None] | None = None,
                      failed: Callable[[SchoolDeskError], None] | None = None) -> Task:
    """Run *work(progress)* on the thread pool with a progress dialog over *parent*; *done* gets its result.
    With *cancellable*, the dialog has 取消 and *cancelled* is called once the work has stopped. A known
    error goes to *failed* when given (e.g. into the window's summary), else into a message box."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("busyDialog")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    relay = _Relay()
    progress = Progress(relay)
    task = Task(dialog, progress, relay)
    if cancellable:
        dialog.setCancelButtonText(QCoreApplication.translate("Background", "Cancel"))
        dialog.canceled.connect(progress.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(
            QCoreApplication.translate("Background", "Stopping; nothing of this run is kept…")))
    else:
        dialog.setCancelButton(None)  # e.g. a file is replaced whole or not at all: nothing to stop halfway
    _running.add(task)

    def step(done_steps: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done_steps, total))

    def end() -> None:
        task.running = False
        _running.discard(task)
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def finish(result: Any) -> None:
        end()
        done(result)

    def fail(error: BaseException) -> None:
        end()
        if isinstance(error, Cancelled):
            if cancelled is not None:
                cancelled()
        elif isinstance(error, SchoolDeskError):
            (failed or (lambda e: show_error(parent, e)))(error)
        else:
            from schooldesk.ui.crash import show_unexpected

            show_unexpected(parent, error)

    relay.progressed.connect(step, Qt.ConnectionType.QueuedConnection)
    relay.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
    relay.failed.connect(fail, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Job(work, progress, relay))
    return task
