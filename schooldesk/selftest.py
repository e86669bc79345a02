"""`schooldesk selftest`: open the real main window offscreen on a temporary demo school, then leave.

The installer build runs it on the frozen app, so it reports through the exit code only.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SELFTEST_FAILED = 3


def _say_failed(folder: str, error: OSError) -> None:
    """The self-test could not make its folder: one plain line (stdout may be None in a windowed build)."""
    if sys.stdout is not None:
        print(f"selftest: FAILED ({folder}: {error.strerror or error})")


def run_selftest(parent_dir: str | None, language: str | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from schooldesk.app import make_application
    from schooldesk.db.database import open_database
    from schooldesk.services.access import command_line_rights
    from schooldesk.services.demo import DEMO_ADMIN, DEMO_PASSWORD, DEMO_SCHOOL, create_demo_school
    from schooldesk.services.login import sign_in
    from schooldesk.services.health import check_database
    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.state import AppState

    app = make_application(language)
    app.setApplicationName("SchoolDesk-selftest")  # keep the real user's remembered window state untouched
    if parent_dir:
        try:
            Path(parent_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _say_failed(parent_dir, error)
            return SELFTEST_FAILED
    with tempfile.TemporaryDirectory(prefix="schooldesk-selftest-", dir=parent_dir) as folder:
        db = open_database(Path(folder))
        try:
            db.actor = command_line_rights()  # the self-test is a command: it makes its demo school as one
            create_demo_school(db)
            window = MainWindow(AppState(db, sign_in(db, DEMO_ADMIN, DEMO_PASSWORD)))  # then signs in, as a clerk does
            window.show()
            app.processEvents()
            ok = DEMO_SCHOOL.name in window.windowTitle() and check_database(db).healthy
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            db.close()
    print("selftest: ok" if ok else "selftest: FAILED")
    return 0 if ok else SELFTEST_FAILED
