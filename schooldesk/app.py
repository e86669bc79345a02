"""Starts the desktop app."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QSettings, QSize
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from schooldesk.config import APP_NAME, DEFAULT_LANGUAGE, LANGUAGE_KEY, resources_dir
from schooldesk.i18n import install_translations

if TYPE_CHECKING:
    from schooldesk.ui.launcher import Launcher


def make_application(language: str | None = None) -> QApplication:
    """The QApplication with names set (for QSettings) and translations installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    install_translations(language or str(QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)))
    app.setWindowIcon(app_icon())
    from schooldesk.ui.wheel_guard import install_wheel_guard

    install_wheel_guard(app)
    if app.font().pointSize() < 10:
        font = QFont(app.font())
        font.setPointSize(10)  # older clerks read this screen all day
        app.setFont(font)
    return app  # type: ignore[return-value]


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The app's icon at every size drawn from resources/icon.svg (tools/make_icons.py): every window's title bar
    and the taskbar take it from the application."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_dir() / f"icon-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def start_gui(data_dir: Path) -> tuple[QLockFile, Launcher] | None:
    """Everything up to the first window: logging, the crash dialog, the folder lock, and the sign-in window
    (the database opens just after it is on screen) or the set-up wizard. None when the folder is refused."""
    from schooldesk import __version__
    from schooldesk.diagnostics import log, start_logging
    from schooldesk.ui.crash import install_crash_dialog
    from schooldesk.ui.launcher import Launcher
    from schooldesk.ui.startup import lock_for_gui

    try:
        start_logging(data_dir)
    except OSError:
        pass  # a data folder that cannot be written is reported when it is opened, just below
    log.info("SchoolDesk %s starting", __version__)
    install_crash_dialog()
    lock = lock_for_gui(data_dir)
    if lock is None:
        log.warning("the data folder could not be opened")
        return None
    _preload()
    launcher = Launcher(data_dir=data_dir)
    launcher.start()
    return lock, launcher


def _preload() -> None:
    """Import the database layer on a helper thread while the sign-in window is drawn: the database then
    opens sooner after the window is up (Python's import locks make the GUI thread wait for, not repeat, it)."""
    import threading

    def load() -> None:
        import schooldesk.db.database  # noqa: F401
        import schooldesk.services.login  # noqa: F401
        import schooldesk.services.home  # noqa: F401  # what the main window's first page reads

    threading.Thread(target=load, name="preload", daemon=True).start()


def run_gui(data_dir: Path, language: str | None = None) -> int:
    from schooldesk.diagnostics import log, stop_logging

    app = make_application(language)
    started = start_gui(data_dir)
    if started is None:
        stop_logging()
        return 2
    lock, launcher = started
    launcher.gave_up.connect(app.quit)
    try:
        return app.exec() if launcher.db is not None or launcher.login is not None else 2
    finally:
        if launcher.db is not None:
            launcher.db.close()
        lock.unlock()
        log.info("SchoolDesk closed")
        stop_logging()
