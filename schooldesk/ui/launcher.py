"""What opens first: the set-up wizard on an empty data folder, else the main window."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.services.login import SignedIn, sign_in
from schooldesk.services.school import get_school
from schooldesk.services.setup import is_set_up
from schooldesk.ui.errors import show_notice
from schooldesk.ui.login_dialog import LoginDialog

if TYPE_CHECKING:  # the main window and the wizard load after the sign-in window is on screen
    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.setup_wizard import SetupWizard


class Launcher(QObject):
    """Owns the top-level windows; ``main_window_shown`` fires once the desk is open."""

    main_window_shown = Signal(object)
    gave_up = Signal()

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.wizard: SetupWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if is_set_up(self.db):
            school = get_school(self.db)
            self.login = LoginDialog(self.db, school.name if school else "")
            self.login.signed_in.connect(self.open_main_window)
            self.login.rejected.connect(self.gave_up)
            self.login.show()
            return
        from schooldesk.ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.db)
        self.wizard.finished.connect(self._wizard_finished)
        self.wizard.show()

    def _wizard_finished(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.gave_up.emit()
            return
        assert self.wizard is not None
        admin = self.wizard.admin_page
        # The administrator who just chose the password is signed in without typing it again.
        self.open_main_window(sign_in(self.db, admin.username.text(), admin.password.text()))
        assert self.window is not None
        self.recovery_notice = show_notice(self.window, fill(self.tr(
            "Write down this recovery code and keep it with the school seal:\n\n%1\n\nIf every administrator "
            "password is forgotten, it lets you set a new one (schooldesk recover-admin). It is shown only now."),
            (admin.recovery_code,)))

    def open_main_window(self, user: SignedIn | None = None) -> None:
        from schooldesk.ui.main_window import MainWindow
        from schooldesk.ui.state import AppState

        self.window = MainWindow(AppState(self.db, user=user))
        self.window.show()
        self.main_window_shown.emit(self.window)
