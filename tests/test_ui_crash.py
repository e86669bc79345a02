"""An unexpected error is shown to the clerk in plain Chinese with 复制详细信息, and logged — never only logged."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from schooldesk import __version__
from schooldesk.diagnostics import start_logging, stop_logging
from schooldesk.ui.crash import UnexpectedErrorDialog, install_crash_dialog

ID_NUMBER = "110101201503040027"


def _raise() -> None:
    raise KeyError(f"张三 {ID_NUMBER}")  # personal data in an error must not leave the PC unmasked


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_with_copyable_masked_details(qtbot, zh_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log_file = start_logging(tmp_path)
    before = sys.excepthook
    install_crash_dialog()
    try:
        button = QPushButton("x")
        qtbot.addWidget(button)
        button.clicked.connect(_raise)
        button.click()  # PySide hands the slot's exception to sys.excepthook
        qtbot.waitUntil(lambda: any(isinstance(w, UnexpectedErrorDialog) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnexpectedErrorDialog))
        assert "意外错误" in dialog.message.text() and "KeyError" not in dialog.message.text()  # plain words
        assert dialog.copy_button.text().startswith("复制详细信息")
        dialog.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert f"SchoolDesk {__version__}" in copied and "KeyError" in copied and "_raise" in copied
        assert ID_NUMBER not in copied and "1101" in copied and "张三" not in copied
        assert dialog.isVisible()  # copying keeps the box open
        dialog.reject()
    finally:
        sys.excepthook = before
        stop_logging()
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected KeyError" in logged and ID_NUMBER not in logged


def test_an_unexpected_error_in_background_work_is_shown_too(qtbot, zh_app) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.background import run_in_background

    parent = QPushButton("x")
    qtbot.addWidget(parent)

    def broken(_progress: object) -> None:
        raise ZeroDivisionError("division by zero")

    task = run_in_background(parent, "…", broken, lambda _r: None)
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnexpectedErrorDialog) and w.isVisible())
    assert "ZeroDivisionError" in dialog.details
    dialog.reject()
