"""Lock the desk after a while without keyboard or mouse: the office PC is shared and left on.

While locked the main window shows nothing (its pages are hidden) and only the signed-in user's
password unlocks it; five wrong passwords lock the account as at sign-in. Closing the lock dialog
quits the app (after the usual backup), never unlocks it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

IDLE_MINUTES_KEY = "security/idle_minutes"  # per PC (QSettings); 0 turns the lock off
DEFAULT_IDLE_MINUTES = 10
ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes() -> int:
    value = QSettings().value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)
    try:
        return max(0, int(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES


class InputSeen(QObject):
    """The one application-wide filter that notices keyboard and mouse input; every IdleWatcher listens to it.
    (A filter per window would see every event of the application once for each window ever opened.)"""

    seen = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY:
            self.seen.emit()
        return False


def input_seen(app: QCoreApplication) -> InputSeen:
    """The application's input filter, installed on first use."""
    found = getattr(app, "_input_seen", None)
    if found is None:
        found = InputSeen(app)
        app.installEventFilter(found)
        app._input_seen = found  # type: ignore[attr-defined]
    return found


class IdleWatcher(QObject):
    """Emits ``idle`` once no input has reached the application for the interval."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(idle_minutes())
        app = QApplication.instance()
        if app is not None:
            input_seen(app).seen.connect(self._input)

    def set_minutes(self, minutes: float) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.setInterval(int(minutes * 60_000))
            self.timer.start()

    def _input(self) -> None:
        if self.timer.interval() > 0 and not self.paused:
            self.timer.start()

    paused = False  # while locked: input into the lock dialog must not count
