"""Settings, for administrators: the accounts that may sign in, and the audit trail."""
from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from schooldesk.services.users import UserRow, list_users, set_user_active
from schooldesk.ui.audit_dialog import AuditDialog
from schooldesk.ui.dialogs.user_dialog import ResetPasswordDialog, UserDialog
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


class UsersBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Users and audit trail"), parent)
        self.setObjectName("UsersBox")
        self.state = state
        self.model: RowTableModel[UserRow] = RowTableModel([
            Column(self.tr("User name"), lambda u: u.username),
            Column(self.tr("Role"), lambda u: u.role_zh),
            Column(self.tr("Teacher"), lambda u: u.teacher_name, names=True),
            Column(self.tr("In use"), lambda u: self.tr("yes") if u.active else self.tr("no")),
        ], dimmed=lambda u: not u.active)
        self.table = record_table(self.model, self)
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton(self.tr("New user…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.password_button = QPushButton(self.tr("Reset password…"), self)
        self.active_button = QPushButton(self.tr("Deactivate"), self)
        self.audit_button = QPushButton(self.tr("Audit trail…"), self)
        self.audit_button.setObjectName("openAuditTrail")
        self.add_button.clicked.connect(lambda: self._open(UserDialog(state.db, parent=self)))
        self.edit_button.clicked.connect(lambda: self._with_selected(lambda u: self._open(UserDialog(state.db, u, self))))
        self.password_button.clicked.connect(
            lambda: self._with_selected(lambda u: self._open(ResetPasswordDialog(state.db, u, self))))
        self.active_button.clicked.connect(lambda: self._with_selected(self._toggle))
        self.audit_button.clicked.connect(self.open_audit)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.password_button, self.active_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.audit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        self.audit: AuditDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        if not call_service(self, lambda: self.model.set_rows(list_users(self.state.db))):
            return
        self.table.resizeColumnsToContents()

    def selected(self) -> UserRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def _with_selected(self, action) -> None:  # type: ignore[no-untyped-def]
        user = self.selected()
        if user is not None:
            action(user)

    def _open(self, dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.saved.connect(lambda _row: self.refresh())
        dialog.open()

    def _toggle(self, user: UserRow) -> None:
        if call_service(self, lambda: set_user_active(self.state.db, user.id, not user.active)):
            self.refresh()

    def open_audit(self) -> AuditDialog:
        self.audit = AuditDialog(self.state.db, self)
        self.audit.show()
        return self.audit
