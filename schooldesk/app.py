"""Starts the desktop app."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.config import APP_NAME, DEFAULT_LANGUAGE, LANGUAGE_KEY
from schooldesk.db.database import open_database
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text, install_translations




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

    app = make_application(language)
    try:
        db = open_database(data_dir)
    except SchoolDeskError as error:
        QMessageBox.critical(None, APP_NAME, error_text(error))
        return 2
    launcher = Launcher(db)
    launcher.gave_up.connect(app.quit)
    launcher.start()
    try:
        return app.exec()
    finally:
        db.close()
