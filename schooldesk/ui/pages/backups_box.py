"""The backups list in Settings: back up now, back up to a USB stick, restore."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QGroupBox, QInputDialog, QLineEdit, QHBoxLayout, QHeaderView, QMessageBox, QPushButton,
    QVBoxLayout, QWidget,
)

from schooldesk.services.backups import BackupInfo, backups_in
from schooldesk.domain.i18n import fill
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.background import Task, run_in_background
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table

OTHER_REASON = QT_TRANSLATE_NOOP("BackupsBox", "other")
REASONS = {
    "manual": QT_TRANSLATE_NOOP("BackupsBox", "by hand"),
    "close": QT_TRANSLATE_NOOP("BackupsBox", "on closing"),
    "daily": QT_TRANSLATE_NOOP("BackupsBox", "daily"),
    "pre-migration": QT_TRANSLATE_NOOP("BackupsBox", "before an upgrade"),
    "pre-restore": QT_TRANSLATE_NOOP("BackupsBox", "before a restore"),
    "pre-import": QT_TRANSLATE_NOOP("BackupsBox", "before an import"),
    "pre-new-year": QT_TRANSLATE_NOOP("BackupsBox", "before a new school year"),
}


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1 << 20 else f"{size / (1 << 20):.1f} MB"


class BackupsBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backups"))
        self.state = state
        self.model: RowTableModel[BackupInfo] = RowTableModel([
            Column(self.tr("Taken"), lambda b: b.created.strftime("%Y-%m-%d %H:%M"), lambda b: b.created.timestamp()),
            Column(self.tr("Why"), lambda b: QCoreApplication.translate("BackupsBox", REASONS.get(b.reason, OTHER_REASON))),
            Column(self.tr("Size"), lambda b: size_text(b.size), lambda b: b.size),
        ])
        self.table = record_table(self.model, self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.usb_button = QPushButton(self.tr("Back up to USB stick…"), self)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.usb_button.clicked.connect(self.back_up_to_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.usb_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        state.backups_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(backups_in(self.state.db.path.parent))

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def back_up(self, folder: Path | None = None, password: str = "") -> Task:
        """Take a verified backup off the GUI thread (a big school's copy takes seconds)."""
        state = self.state
        self.task = run_in_background(self, self.tr("Backing up and checking the copy…"),
                                      lambda _progress: state.back_up("manual", folder, password=password),
                                      self._backed_up)
        return self.task

    def _backed_up(self, info: BackupInfo) -> None:
        self.window().statusBar().showMessage(  # type: ignore[attr-defined]
            fill(self.tr("Backup written and verified: %1"), (str(info.path),)), 8000)
        if info.path.parent != self.state.backup_dir:  # a copy for a USB stick: say where it went
            show_saved(self, info.path)

    def back_up_to_folder(self) -> None:
        file_dialog(self, "backup", self.tr("Choose the USB stick or folder"), "",
                    lambda paths: self.ask_password(paths[0]), folder=True)

    def ask_password(self, folder: Path) -> QInputDialog:
        """A backup leaving the PC may be sealed with a password (an AES-256 zip); empty: a plain copy."""
        dialog = QInputDialog(self)
        dialog.setObjectName("sealDialog")
        dialog.setWindowTitle(self.tr("Back up to a USB stick"))
        dialog.setLabelText(self.tr("Password to seal the backup (at least 8 characters; leave empty for none).\n"
                                    "Write it down: without it the backup cannot be opened."))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(lambda password: self.back_up(folder, password))
        dialog.open()
        return dialog

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Choose a backup in the list first."))
            return
        question = fill(self.tr("Replace all current data with the backup taken %1?\n\n"
                                "The current data is backed up first, so this can be undone."),
                        (backup.created.strftime("%Y-%m-%d %H:%M"),))
        answer = QMessageBox.question(self, self.tr("Restore"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        state = self.state
        self.task = run_in_background(self, self.tr("Restoring the backup…"),
                                      lambda _progress: state.restore(backup.path), self._restored)

    def _restored(self, _result: object) -> None:
        self.window().statusBar().showMessage(self.tr("Backup restored."), 8000)  # type: ignore[attr-defined]
