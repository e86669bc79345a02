"""Reading a bundle's data back (数据/: each sheet's values, DATA_FORMAT) for a receiver that merges many
schools' bundles (汇总): checked against the manifest in the same pass, refused with its reason otherwise."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.bundle import DATA, DATA_FORMAT, MANIFEST
from schooldesk.exports.bundle_writing import read_bundle
from schooldesk.exports.sheets import SheetData

CHANGED = QT_TRANSLATE_NOOP("Errors", "changed or incomplete since it was written: %1 files missing, changed or added")
NO_DATA = QT_TRANSLATE_NOOP("Errors", "made before bundles carried their data (SchoolDesk %1): export it again "
                                      "with this SchoolDesk (%2)")
NEWER = QT_TRANSLATE_NOOP("Errors", "made by a newer SchoolDesk (%1, data format %2); update SchoolDesk to read it")
FOREIGN = QT_TRANSLATE_NOOP("Errors", "not a SchoolDesk bundle (no school code in its manifest)")


class BundleRefused(SchoolDeskError):
    """A bundle a receiver does not merge, and why (changed, too old, too new, not one of ours)."""


@dataclass(frozen=True, kw_only=True)
class BundleData:
    """One school's semester bundle as a receiver reads it."""

    path: Path
    school: str
    school_code: str
    county: str
    township: str
    semester: str  # 2025-2026-1
    semester_label: str
    exported_at: datetime
    app_version: str
    sheets: dict[tuple[str, str], SheetData]  # (workbook, sheet) → data

    def sheet(self, workbook: str, sheet: str) -> SheetData | None:
        return self.sheets.get((workbook, sheet))


def peek_manifest(path: Path, password: str = "") -> dict[str, Any] | None:
    """The manifest of the bundle at *path* (a folder or a zip) read alone, unchecked; None when it cannot be
    read (the full read says why)."""
    try:
        if path.is_dir():
            return dict(json.loads((path / MANIFEST).read_text(encoding="utf-8")))
        import pyzipper

        with pyzipper.AESZipFile(path) as archive:
            if password:
                archive.setpassword(password.encode("utf-8"))
            name = next((n for n in archive.namelist() if n.count("/") == 1 and n.endswith("/" + MANIFEST)), None)
            return dict(json.loads(archive.read(name).decode("utf-8"))) if name else None
    except Exception:  # noqa: BLE001 - anything unreadable is said by read_bundle_data, with its reason
        return None


def read_bundle_data(path: Path, password: str = "") -> BundleData:
    """The bundle at *path* (a folder or a zip), verified against its manifest, with every sheet's data;
    BundleRefused (saying why) when it was changed, made before bundles carried data or by a newer SchoolDesk,
    or is not ours; StorageError when it cannot be read at all."""
    report, kept = read_bundle(path, password, keep=lambda name: name == MANIFEST or name.startswith(DATA + "/"))
    manifest = report.manifest
    if not report.intact:
        raise BundleRefused(CHANGED, len(report.missing) + len(report.changed) + len(report.extra))
    if not manifest.get("school_code"):
        raise BundleRefused(FOREIGN)
    version = str(manifest.get("app_version", "?"))
    if "data_format" not in manifest:
        from schooldesk import __version__

        raise BundleRefused(NO_DATA, version, __version__)
    if not isinstance(manifest["data_format"], int) or manifest["data_format"] > DATA_FORMAT:
        raise BundleRefused(NEWER, version, manifest["data_format"])
    sheets = {}
    for entry in manifest.get("data", []):
        raw: dict[str, Any] = json.loads(kept[entry["path"]].decode("utf-8"))
        sheets[(entry["workbook"], entry["sheet"])] = SheetData(
            name=raw["sheet"], title=raw.get("title", ""), columns=tuple(raw["columns"]), counts=bool(raw.get("counts")),
            rows=tuple(tuple(row) for row in raw["rows"]))
    return BundleData(path=path, school=manifest.get("school", ""), school_code=manifest["school_code"],
                      county=manifest.get("county", ""), township=manifest.get("township", ""),
                      semester=manifest.get("semester", ""), semester_label=manifest.get("semester_label", ""),
                      exported_at=datetime.fromisoformat(manifest["exported_at"]), app_version=version, sheets=sheets)
