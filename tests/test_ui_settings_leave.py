"""设置 keeps what the clerk did not mean to change: the wheel over a number box the clerk is not in scrolls
the page (校长 听课 stays 14), and leaving the page with typed, unsaved changes asks: save, discard or stay."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState


def _wheel(widget, steps: int) -> None:  # type: ignore[no-untyped-def]
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    QApplication.sendEvent(widget, QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
                                               QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))


def test_the_wheel_leaves_quotas_alone_and_leaving_unsaved_changes_asks(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(school_db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.open_page("SettingsPage")
    qtbot.waitExposed(page)
    principal = page.observation_rules.quota_boxes["校长"]
    assert principal.value() == 14
    _wheel(principal, -14)
    assert principal.value() == 14 and not page.has_unsaved_edits()

    principal.setValue(0)  # typed (or wheeled while in the box), not saved
    here = window.nav.currentRow()
    window.nav.setCurrentRow(0)
    question = window.leave_question
    assert question is not None and question.isVisible() and window.stack.currentWidget() is page
    assert window.nav.currentRow() == here
    question.button(QMessageBox.StandardButton.Cancel).click()  # stay, with the typing kept
    assert window.stack.currentWidget() is page and principal.value() == 0

    window.nav.setCurrentRow(0)
    window.leave_question.button(QMessageBox.StandardButton.Discard).click()
    assert window.stack.currentWidget() is not page and principal.value() == 14
    assert not window.unsaved_pages()
