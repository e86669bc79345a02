"""Remembered window geometry and state, so no window carries its own code for it (cf. Picard)."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QWidget


class PreservesGeometry:
    """Mix into a QWidget: call ``restore_window_state()`` after building, ``save_window_state()`` on close."""

    def _state_key(self) -> str:
        assert isinstance(self, QWidget)
        return f"windows/{self.objectName() or type(self).__name__}"

    def restore_window_state(self) -> bool:
        """Put the window as it was left; False when it has never been closed on this PC."""
        assert isinstance(self, QWidget)
        settings = QSettings()
        geometry = settings.value(f"{self._state_key()}/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value(f"{self._state_key()}/state")
        if state is not None and isinstance(self, QMainWindow):
            self.restoreState(state)
        return geometry is not None

    def save_window_state(self) -> None:
        assert isinstance(self, QWidget)
        settings = QSettings()
        settings.setValue(f"{self._state_key()}/geometry", self.saveGeometry())
        if isinstance(self, QMainWindow):
            settings.setValue(f"{self._state_key()}/state", self.saveState())
