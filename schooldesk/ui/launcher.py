"""What opens first: the sign-in window when a school is set up (on screen before the database has even
been opened: the opening follows while the clerk types), else the set-up wizard; then the main window."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from schooldesk.ui.login_dialog import LoginDialog

if TYPE_CHECKING:  # the database, main window and wizard load after the sign-in window is on screen
    from schooldesk.db.database import Database
    from schooldesk.services.login import SignedIn
    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.setup_wizard import SetupWizard


class Launcher(QObject):
    """Owns the top-level windows; ``main_window_shown`` fires once the desk is open."""

    main_window_shown = Signal(object)
    gave_up = Signal()

    def __init__(self, db: Database | None = None, *, data_dir: Path | None = None) -> None:
        super().__init__()
        self.db, self.data_dir = db, data_dir
        self.wizard: SetupWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if self.db is None:
            from schooldesk.db.peek import school_name_in

            assert self.data_dir is not None
            name = school_name_in(self.data_dir)
            if name is not None:
                self._show_login(name)
                assert self.login is not None
                self.login.painted.connect(self._open_database)  # once the window is on screen
                return
            if not self._open_database():
                return
        assert self.db is not None
        from schooldesk.services.school import get_school
        from schooldesk.services.setup import is_set_up

        if is_set_up(self.db):
            school = get_school(self.db)
            self._show_login(school.name if school else "")
            assert self.login is not None
            self.login.set_database(self.db)
            return
        self._start_wizard()

    def _show_login(self, school_name: str) -> None:
        self.login = LoginDialog(None, school_name)
        self.login.signed_in.connect(self.open_main_window)
        self.login.rejected.connect(self.gave_up)
        self.login.show()

    def _open_database(self) -> bool:
        from schooldesk.ui.startup import open_database_for_gui

        assert self.data_dir is not None
        db = open_database_for_gui(self.data_dir, self.login)
        if db is None:
            self.gave_up.emit()
            return False
        self.db = db
        if self.login is not None:
            from schooldesk.services.setup import is_set_up

            if is_set_up(db):
                self.login.set_database(db)
            else:  # e.g. a damaged file replaced by an empty one: set the school up again
                self.login.signed_in.disconnect()
                self.login.rejected.disconnect()
                self.login.close()
                self.login = None
                self._start_wizard()
        return True

    def _start_wizard(self) -> None:
        from schooldesk.ui.setup_wizard import SetupWizard

        assert self.db is not None
        self.wizard = SetupWizard(self.db)
        self.wizard.finished.connect(self._wizard_finished)
        self.wizard.show()

    def _wizard_finished(self, result: int) -> None:
        from schooldesk.services.login import sign_in

        if result != QDialog.DialogCode.Accepted:
            self.gave_up.emit()
            return
        assert self.wizard is not None and self.db is not None
        admin = self.wizard.admin_page
        # The administrator who just chose the password is signed in without typing it again.
        self.open_main_window(sign_in(self.db, admin.username.text(), admin.password.text()))
        assert self.window is not None
        from schooldesk.ui.recovery import RecoveryCodeDialog

        school = self.wizard.school_page.form.details()  # type: ignore[attr-defined]
        self.recovery_notice = RecoveryCodeDialog(self.db, school.name, admin.recovery_code, self.window)
        self.recovery_notice.open()

    def open_main_window(self, user: SignedIn | None = None) -> None:
        from schooldesk.ui.main_window import MainWindow
        from schooldesk.ui.state import AppState

        assert self.db is not None
        self.window = MainWindow(AppState(self.db, user=user))
        self.window.show_first()
        self.main_window_shown.emit(self.window)
