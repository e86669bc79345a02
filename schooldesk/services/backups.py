"""Backups as the app and the command line take them — into the data folder's rotation, onto a stick, or sealed
in an AES-256 zip for a stick — and a backup restored in place of the database (the state before kept first).

One place decides which kind of copy a request means, so the 备份 button and `schooldesk backup` agree."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from schooldesk.db.backups import CLOCK_WRONG, BackupInfo, backup_due, clock_right_again, list_backups, sha256
from schooldesk.db.database import BACKUP_DIRNAME, database_path
from schooldesk.domain.errors import SchoolDeskError

__all__ = ["CLOCK_WRONG", "BackupInfo", "back_up", "backups_in", "clock_warnings", "daily_backup_due", "restore",
           "sha256"]


def backups_in(data_dir: Path) -> list[BackupInfo]:
    """The data folder's own backups, newest first."""
    return list_backups(data_dir / BACKUP_DIRNAME)


def back_up(db_path: Path, *, reason: str, folder: Path | None = None, password: str = "") -> BackupInfo:
    """A verified copy: into the data folder's backups (rotated), or into *folder* (e.g. a USB stick), there
    sealed with *password* when one is given."""
    if folder is not None and password:
        from schooldesk.db.sealed_backups import take_sealed_backup

        return take_sealed_backup(db_path, folder, password, reason=reason)
    if folder is not None:
        from schooldesk.db.backups import take_backup

        return take_backup(db_path, folder, reason=reason)
    from schooldesk.db.backups import take_rotated_backup

    return take_rotated_backup(db_path, reason)


def clock_warnings(info: BackupInfo) -> list[SchoolDeskError]:
    """What a backup found about the PC's clock: behind the newest backup, or right again after being ahead."""
    warnings = [SchoolDeskError(CLOCK_WRONG)] if info.clock_behind else []
    if info.redated:
        warnings.append(clock_right_again(info))
    return warnings


def daily_backup_due(db_path: Path, now: datetime) -> bool:
    return backup_due(db_path.parent / BACKUP_DIRNAME, now)


def restore(data_dir: Path, backup: Path, *, password: str = "") -> Path | None:
    """Swap *backup* (a copy, or a sealed zip opened with *password*) in for the data folder's database, which
    must be closed; returns where the database as it was is kept, when it had anything to keep."""
    from schooldesk.db.restore import restore_backup

    target, kept = database_path(data_dir), data_dir / BACKUP_DIRNAME
    if password or backup.suffix.lower() == ".zip":
        from schooldesk.db.sealed_backups import opened_sealed_backup

        with opened_sealed_backup(backup, password, data_dir) as unsealed:
            return restore_backup(unsealed, target, kept)
    return restore_backup(backup, target, kept)
