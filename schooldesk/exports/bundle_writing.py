"""Putting a staged bundle on a folder or USB stick (as a folder or one zip, AES-256 when a password is
given) and checking a bundle against its manifest (see exports/bundle.py for the why)."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schooldesk.config import full_path
from schooldesk.db.scratch import private_scratch
from schooldesk.db.copies import can_write, flush_file
from schooldesk.domain.errors import Cancelled, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.bundle import (
    CHANGED, FAILED, FULL, GONE, MANIFEST, MARGIN, NO_PLACE, PARTIAL, BundleFile, BundleResult, Progress, stage_bundle,
)
from schooldesk.services.bundle import BundleContents

INSIDE_DATA = QT_TRANSLATE_NOOP("Errors", "Do not save exports inside SchoolDesk's data folder (%1); choose another folder.")
HELD_OPEN = QT_TRANSLATE_NOOP("Errors", "%1 is open in another program (Excel, WPS or a PDF reader). Close it and "
                                        "export again; the bundle already there was left as it was.")
SHARING_VIOLATIONS = (32, 33)  # Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
UNREADABLE = QT_TRANSLATE_NOOP("Errors", "%1 cannot be read as a SchoolDesk bundle: damaged or cut short, not a bundle, or a wrong password.")


def _storage_error(error: OSError, where: Path) -> StorageError:
    if getattr(error, "winerror", None) in SHARING_VIOLATIONS:
        return StorageError(HELD_OPEN, error.filename or where)
    if error.errno == errno.ENOSPC:
        return StorageError(FULL, "?", where, 0)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageError(NO_PLACE, where)
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO):
        return StorageError(GONE, where)
    return StorageError(FAILED, where, error.strerror or error)


def _copy_tree(source: Path, target: Path) -> None:
    """File by file, so that a failing stick's own error (full, read-only, gone) reaches the clerk (shutil's
    copytree folds them into one message without its errno)."""
    target.mkdir()
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir()
        else:
            shutil.copyfile(path, destination)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            flush_file(path)


def _held_open(bundle: Path) -> Path | None:
    """The first file of an earlier *bundle* that another program (Excel, WPS, a PDF reader) holds open so
    that it cannot be replaced; None when there is none. Excel and WPS deny others write access."""
    for path in [bundle] if bundle.is_file() else sorted(bundle.rglob("*")):
        if path.is_file() and os.access(path, os.W_OK):  # (a read-only file is no sign of another program)
            try:
                with open(path, "r+b"):
                    pass
            except PermissionError:
                return path
            except OSError:
                continue
    return None


def resolve_left(final: Path) -> None:
    """What a kill during an earlier export left beside *final*: its ``.partial`` (never complete for sure) is
    removed; the earlier bundle moved aside (``.old``) comes back when the new one never took its place, and is
    removed when it did. Afterwards the final name holds a whole bundle or nothing, and nothing else is left."""
    aside, partial = final.with_name(final.name + ".old"), final.with_name(final.name + PARTIAL)
    _remove(partial)
    if aside.exists():
        if final.exists():
            _remove(aside)
        else:
            os.replace(aside, final)


def _swap_in(partial: Path, final: Path) -> None:
    """Put the new bundle *partial* where *final* is. An earlier bundle is renamed aside first and removed only
    once the new one is in place: when Windows refuses (a file of it is open in Excel), nothing on the stick
    has been deleted and the clerk is told which file to close."""
    held = _held_open(final) if final.exists() else None
    if held is not None:
        raise StorageError(HELD_OPEN, held)
    aside = final.with_name(final.name + ".old")
    _remove(aside)
    if final.exists():
        try:
            os.replace(final, aside)
        except PermissionError as error:
            raise StorageError(HELD_OPEN, _held_open(final) or final) from error
    try:
        os.replace(partial, final)
    except OSError:
        if aside.exists() and not final.exists():
            os.replace(aside, final)  # the earlier bundle back where it was
        raise
    _remove(aside)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink(missing_ok=True)


def _zip(folder: Path, target: Path, name: str, password: str) -> None:
    import pyzipper

    with pyzipper.AESZipFile(target, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES if password else None) as archive:
        if password:
            archive.setpassword(password.encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{name}/{path.relative_to(folder).as_posix()}")


def write_bundle(contents: BundleContents, destination: Path, *, as_zip: bool = False, password: str = "",
                 font_path: Any = None, progress: Progress = lambda _d, _t: None,
                 data_folder: Path | None = None, workers: int | None = None,
                 seal_key: bytes | None = None) -> BundleResult:
    """Make the bundle, put it in *destination* (a folder or a USB stick's root) and check it there; never
    inside SchoolDesk's *data_folder*. *workers*: see :func:`stage_bundle`."""
    if not destination.is_dir():
        raise StorageError(GONE, destination)
    if data_folder is not None and full_path(destination).is_relative_to(full_path(data_folder)):
        raise StorageError(INSIDE_DATA, data_folder)
    if not can_write(destination):  # a write-protected stick, found before minutes of work
        raise StorageError(NO_PLACE, destination)
    final = destination / (contents.name + (".zip" if as_zip else ""))
    partial = final.with_name(final.name + PARTIAL)
    try:  # what a killed export left, of either form (a folder export killed, then a zip export)
        for form in (destination / contents.name, destination / (contents.name + ".zip")):
            resolve_left(form)
    except OSError as error:
        raise _storage_error(error, destination) from error
    with private_scratch(data_folder, "bundle-") as scratch:  # never the system's temp folder: minors' data
        staged = Path(scratch) / contents.name
        staged.mkdir()
        manifest = stage_bundle(contents, staged, font_path=font_path, progress=lambda d, t: progress(d, t + 2),
                                workers=workers, private_names=as_zip and bool(password), seal_key=seal_key)
        if as_zip:
            _zip(staged, Path(scratch) / "bundle.zip", contents.name, password)
        needed = (Path(scratch) / "bundle.zip").stat().st_size if as_zip else sum(f["size"] for f in manifest["files"])
        needed += (staged / MANIFEST).stat().st_size
        free = shutil.disk_usage(destination).free
        if free < needed + MARGIN:  # refused before the stick is touched
            raise StorageError(FULL, f"{(needed + MARGIN) / 1e6:.1f}", destination, f"{free / 1e6:.1f}")
        _remove(partial)
        try:
            if as_zip:
                shutil.copyfile(Path(scratch) / "bundle.zip", partial)
                flush_file(partial)
            else:
                _copy_tree(staged, partial)
                _fsync_tree(partial)
            _swap_in(partial, final)
        except (OSError, Cancelled, StorageError) as error:
            _remove(partial)
            if isinstance(error, (Cancelled, StorageError)):
                raise
            raise _storage_error(error, destination) from error
    progress(1, 1)
    report = verify_bundle(final, password, seal_key, contents.school_code)
    if not report.intact:
        _remove(final)
        raise StorageError(CHANGED, destination, len(report.missing) + len(report.changed) + len(report.extra))
    files = tuple(BundleFile(**f) for f in manifest["files"])
    return BundleResult(path=final, files=files, counts=manifest["counts"], warnings=tuple(manifest["checks"]))


@dataclass(frozen=True, kw_only=True)
class VerifyReport:
    missing: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    files: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)
    sealed: bool | None = None  # the school's seal holds (True), does not (False), cannot be told here (None)

    @property
    def intact(self) -> bool:
        return not (self.missing or self.changed or self.extra) and self.sealed is not False


def _listed(manifest: Any) -> dict[str, tuple[int, str]]:
    """path → (size, SHA-256) as the manifest lists them; ValueError when it is not a manifest's shape."""
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list):
        raise ValueError("a manifest lists its files")
    expected = {}
    for entry in files:
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("size"), int)
                and isinstance(entry.get("sha256"), str)):
            raise ValueError("a manifest's file has a path, a size and a SHA-256")
        expected[entry["path"]] = (entry["size"], entry["sha256"])
    return expected


def _check(manifest: Any, present: dict[str, tuple[int, str]], seal_key: bytes | None = None,
           school_code: str = "") -> VerifyReport:
    from schooldesk.domain.seal import seal_holds

    expected = _listed(manifest)
    return VerifyReport(missing=tuple(sorted(p for p in expected if p not in present)),
                        changed=tuple(sorted(p for p in expected if p in present and present[p] != expected[p])),
                        extra=tuple(sorted(p for p in present if p not in expected and p != MANIFEST)),
                        files=len(expected), manifest=manifest, sealed=seal_holds(manifest, seal_key, school_code))


def _unreadable_errors() -> tuple[type[BaseException], ...]:
    """What a damaged, truncated or foreign zip or manifest raises while it is read (pyzipper has a BadZipFile of
    its own; a truncated deflate stream is zlib's error or EOFError; a cut AES zip fails its struct reads)."""
    import struct
    import zipfile
    import zlib

    import pyzipper

    return (OSError, KeyError, ValueError, RuntimeError, EOFError, NotImplementedError, struct.error, zlib.error,
            zipfile.BadZipFile, pyzipper.BadZipFile, IndexError)


def verify_bundle(path: Path, password: str = "", seal_key: bytes | None = None, school_code: str = "") -> VerifyReport:
    """Every file against manifest.json: missing, changed (size or SHA-256) and extra files. A folder or a
    zip (with *password* when encrypted); StorageError when it cannot be read at all (damaged, truncated, empty,
    a wrong password, a manifest of the wrong shape). With the school's *seal_key* (and its *school_code*) the
    manifest's seal is checked too: a file changed together with its manifest entry is then found."""
    return read_bundle(path, password, seal_key, school_code)[0]


def read_bundle(path: Path, password: str = "", seal_key: bytes | None = None, school_code: str = "", *,
                keep: Callable[[str], bool] = lambda _name: False) -> tuple[VerifyReport, dict[str, bytes]]:
    """:func:`verify_bundle`, and the bytes of the files whose path (inside the bundle) *keep* wants, read in
    the same pass (a receiver reads the data it then checks nothing else changed)."""
    UNREADABLE_ERRORS = _unreadable_errors()  # noqa: N806 - a constant, made when first needed (pyzipper is heavy)
    kept: dict[str, bytes] = {}

    def seen(name: str, data: bytes, present: dict[str, tuple[int, str]]) -> None:
        present[name] = (len(data), hashlib.sha256(data).hexdigest())
        if keep(name):
            kept[name] = data

    try:
        present: dict[str, tuple[int, str]] = {}
        if path.is_dir():
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            for file in path.rglob("*"):
                if file.is_file():
                    seen(file.relative_to(path).as_posix(), file.read_bytes(), present)
            return _check(manifest, present, seal_key, school_code), kept
        import pyzipper

        with pyzipper.AESZipFile(path) as archive:
            if password:
                archive.setpassword(password.encode("utf-8"))
            names = [n for n in archive.namelist() if not n.endswith("/")]
            root = names[0].split("/", 1)[0] + "/" if names else ""
            manifest = json.loads(archive.read(root + MANIFEST).decode("utf-8"))
            for name in names:
                seen(name[len(root):], archive.read(name), present)
            return _check(manifest, present, seal_key, school_code), kept
    except UNREADABLE_ERRORS as error:
        raise StorageError(UNREADABLE, path) from error
