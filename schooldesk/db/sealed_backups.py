"""Backups that leave the PC on a USB stick, sealed: one AES-256 zip holding the verified backup and the
photos it refers to, opened only with the password (the files hold minors' personal data).

The zip is written beside its target and renamed, like every file SchoolDesk keeps; restoring one unpacks
it into a private temporary folder and restores from there with every check a plain backup gets.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from schooldesk.db.scratch import private_scratch
from schooldesk.db.backups import BackupInfo, photo_names, take_backup
from schooldesk.db.copies import replace_atomically
from schooldesk.db.photo_store import PHOTO_DIRNAME
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

MIN_PASSWORD = 8
WRONG_PASSWORD = QT_TRANSLATE_NOOP("Errors", "%1 cannot be opened with this password, or it is not a SchoolDesk "
                                             "backup; nothing was changed.")


def _check_password(password: str) -> bytes:
    if len(password) < MIN_PASSWORD:
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "The password must have at least %1 characters."),
                              MIN_PASSWORD)
    return password.encode("utf-8")


def take_sealed_backup(db_path: Path, folder: Path, password: str, *, reason: str = "manual") -> BackupInfo:
    """A verified backup of *db_path*, with its photos, as one AES-256 zip in *folder* (e.g. a USB stick)."""
    import pyzipper

    secret = _check_password(password)
    with private_scratch(db_path.parent, "seal-") as scratch:
        plain = take_backup(db_path, Path(scratch), reason=reason)
        target = folder / plain.path.with_suffix(".zip").name

        def write(partial: Path) -> None:
            with pyzipper.AESZipFile(partial, "w", compression=pyzipper.ZIP_DEFLATED,
                                     encryption=pyzipper.WZ_AES) as archive:
                archive.setpassword(secret)
                archive.setencryption(pyzipper.WZ_AES, nbits=256)
                archive.write(plain.path, plain.path.name)
                for name in photo_names(plain.path):
                    photo = Path(scratch) / PHOTO_DIRNAME / name[:2] / name
                    if photo.is_file():
                        archive.write(photo, f"{PHOTO_DIRNAME}/{name[:2]}/{name}")

        try:
            replace_atomically(target, write)
        except OSError as error:
            raise StorageError(QT_TRANSLATE_NOOP("Errors", "The backup could not be written to %1: %2"), folder,
                               error.strerror or error) from error
    return BackupInfo(target, plain.created, reason, target.stat().st_size, plain.photos, plain.clock_behind)


@contextmanager
def opened_sealed_backup(sealed: Path, password: str, data_folder: Path | None = None) -> Iterator[Path]:
    """The backup inside *sealed*, unpacked (with its photos) into a private scratch folder of *data_folder*
    (see db/scratch.py) while in use."""
    import zlib

    import pyzipper

    with private_scratch(data_folder, "unseal-") as scratch:
        try:
            with pyzipper.AESZipFile(sealed) as archive:
                archive.setpassword(password.encode("utf-8"))
                names = [n for n in archive.namelist() if n.endswith(".sqlite3") and "/" not in n]
                if len(names) != 1:
                    raise SchoolDeskError(WRONG_PASSWORD, sealed)
                for member in archive.namelist():
                    if member.startswith(("/", "..")) or ".." in Path(member).parts:
                        raise SchoolDeskError(WRONG_PASSWORD, sealed)
                archive.extractall(scratch)
        except (RuntimeError, pyzipper.BadZipFile, zlib.error, ValueError, OSError) as error:
            raise SchoolDeskError(WRONG_PASSWORD, sealed) from error
        yield Path(scratch) / names[0]
