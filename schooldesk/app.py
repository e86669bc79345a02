"""Starts the desktop app."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from schooldesk.config import APP_NAME, DEFAULT_LANGUAGE, LANGUAGE_KEY
from schooldesk.i18n import install_translations


def make_application(language: str | None = None) -> QApplication:
    """The QApplication with names set (for QSettings) and translations installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    install_translations(language or str(QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)))
    if app.font().pointSize() < 10:
        font = QFont(app.font())
        font.setPointSize(10)  # older clerks read this screen all day
        app.setFont(font)
    return app  # type: ignore[return-value]


def run_gui(data_dir: Path, language: str | None = None) -> int:
    from schooldesk.ui.launcher import Launcher

    from schooldesk.ui.startup import open_for_gui

    from schooldesk import __version__
    from schooldesk.diagnostics import log, start_logging, stop_logging

    app = make_application(language)
    try:
        start_logging(data_dir)
    except OSError:
        pass  # a data folder that cannot be written is reported by open_for_gui just below
    log.info("SchoolDesk %s starting", __version__)
    from schooldesk.ui.crash import install_crash_dialog

    install_crash_dialog()
    opened = open_for_gui(data_dir)
    if opened is None:
        log.warning("the data folder could not be opened")
        stop_logging()
        return 2
    lock, db = opened
    launcher = Launcher(db)
    launcher.gave_up.connect(app.quit)
    launcher.start()
    try:
        return app.exec()
    finally:
        db.close()
        lock.unlock()
        log.info("SchoolDesk closed")
        stop_logging()
