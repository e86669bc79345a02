"""Opening the data folder for the GUI: one instance only, and recovery when the file is damaged."""
from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.i18n import error_text
from schooldesk.instance_lock import lock_data_dir

if TYPE_CHECKING:  # SQLAlchemy loads after the sign-in window is on screen
    from schooldesk.db.database import DamagedDatabaseError, Database


def _tell(parent: QWidget | None, error: SchoolDeskError) -> None:
    QMessageBox.critical(parent, "SchoolDesk", error_text(error))


def _offer_backup(parent: QWidget | None, damaged: DamagedDatabaseError) -> bool:
    if damaged.newest_backup is None:
        QMessageBox.warning(parent, "SchoolDesk", error_text(damaged) + "\n\n" + QCoreApplication.translate(
            "Startup", "There is no good backup. SchoolDesk will start with an empty database."))
        return False
    question = fill(QCoreApplication.translate(
        "Startup", "%1\n\nRestore the newest good backup, %2?\n\nChoose No to start with an empty database."),
        (error_text(damaged), damaged.newest_backup.name))
    answer = QMessageBox.question(parent, "SchoolDesk", question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def lock_for_gui(data_dir: Path, parent: QWidget | None = None) -> QLockFile | None:
    """Lock the folder (one SchoolDesk per data folder); None after telling the user why not."""
    try:
        return lock_data_dir(data_dir)
    except (SchoolDeskError, OSError) as error:
        _tell(parent, error if isinstance(error, SchoolDeskError) else SchoolDeskError(str(error)))
        return None


def open_database_for_gui(data_dir: Path, parent: QWidget | None = None) -> Database | None:
    """Open (check, migrate) the locked folder's database, offering the newest backup when it is damaged;
    None after telling the user why it cannot be opened."""
    from schooldesk.db.database import DamagedDatabaseError, open_database
    from schooldesk.services.backups import restore

    try:
        try:
            return open_database(data_dir)
        except DamagedDatabaseError as damaged:
            if _offer_backup(parent, damaged) and damaged.newest_backup is not None:
                restore(data_dir, damaged.newest_backup)
            return open_database(data_dir)
    except SchoolDeskError as error:
        _tell(parent, error)
        return None


def open_for_gui(data_dir: Path, parent: QWidget | None = None) -> tuple[QLockFile, Database] | None:
    """Lock the folder and open its database; None (after telling the user) when that cannot be done."""
    lock = lock_for_gui(data_dir, parent)
    if lock is None:
        return None
    db = open_database_for_gui(data_dir, parent)
    if db is None:
        lock.unlock()
        return None
    return lock, db
