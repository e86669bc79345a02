"""The mouse wheel scrolls the form, never an input it passes over: a drop-down or number box changes on the
wheel only once it has focus (clicked or tabbed into), as a long 家访 form scrolled with the wheel would
otherwise switch 是→否 and 入户→电话 on its way down."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)  # date and time fields are spin boxes too


class WheelGuard(QObject):
    """App-wide: an unfocused guarded input lets the wheel pass to the form around it, and the wheel no
    longer gives such inputs focus (their focus policy is strong focus: click or Tab)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not _focused(watched):
            area = _scrolling_ancestor(watched)
            if area is None:
                event.ignore()  # not accepted: Qt offers it to the parent
                return True
            at = area.viewport().mapFromGlobal(event.globalPosition())
            QApplication.sendEvent(area.viewport(), QWheelEvent(
                at, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
                event.modifiers(), event.phase(), event.inverted()))
            return True
        return False


def _scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    """The form's scroll area around *widget* (not a list inside the input itself)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _focused(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def install_wheel_guard(app: QApplication) -> None:
    """Once per application."""
    if getattr(app, "_wheel_guard", None) is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._wheel_guard = guard  # type: ignore[attr-defined]
