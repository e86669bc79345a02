"""Regenerate the README screenshots on a real (virtual) X display, in Chinese, on the demo school.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py docs/
"""
from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from schooldesk.app import make_application
from schooldesk.db.database import open_database
from schooldesk.services.demo import create_demo_school
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.setup_wizard import SetupWizard
from schooldesk.ui.state import AppState

SHOTS = {0: "main-window-home.png", 1: "main-window-pupils.png", 2: "main-window-teachers.png",
         3: "main-window-classes.png", 4: "main-window-settings.png"}


def settle() -> None:
    """Let the window paint. A local loop: QApplication.quit() would close every window in Qt 6."""
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()


def main(out: Path) -> int:
    app = make_application("zh_CN")
    app.setApplicationName("SchoolDesk-screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder))
        create_demo_school(db, today=date(2026, 11, 24))
        window = MainWindow(AppState(db))
        window.resize(1100, 680)
        window.show()
        for index, name in SHOTS.items():
            window.nav.setCurrentRow(index)
            settle()
            window.grab().save(str(out / name))
        pupils = window.pages[1][1]
        window.nav.setCurrentRow(1)
        pupils.care_box.setCurrentIndex(1)  # 留守儿童
        pupils.table.selectRow(0)
        profile = pupils.open_profile()
        profile.resize(960, 560)
        settle()
        profile.grab().save(str(out / "pupil-profile.png"))
        profile.close()
        dialog = pupils.open_import()
        dialog.preview(Path(__file__).resolve().parent / "sample-roster.xlsx")
        settle()
        dialog.grab().save(str(out / "import-preview.png"))
        dialog.close()
        window.close()
        empty = open_database(Path(folder) / "empty")
        wizard = SetupWizard(empty)
        wizard.show()
        settle()
        wizard.grab().save(str(out / "setup-wizard.png"))
        wizard.close()
        db.close()
        empty.close()
    QApplication.processEvents()
    print("\n".join(str(out / n) for n in [*SHOTS.values(), "pupil-profile.png", "import-preview.png", "setup-wizard.png"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
