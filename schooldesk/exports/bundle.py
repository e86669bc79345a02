"""The semester's bundle for the bureau on disk: workbooks, archive PDFs, photos, 清单.txt and manifest.json,
in a folder or one (optionally AES-256) zip, and its check against the manifest.

Sticks are nearly full, pulled out too early, and the PC may lose power: the bundle is made in a local
scratch folder first (so its size is known before the stick is touched), refused up front when it will
not fit, copied under a ``.partial`` name, flushed, renamed, then read back and checked. A failure or a
cancel removes the ``.partial``; nothing half-written is ever left looking complete.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.bundle_documents import bundle_documents
from schooldesk.services.bundle import (
    ACTIVITIES, DROPOUT, FAMILIES, HOME_TEACHING, MENTORSHIP, OBSERVATIONS, TEACHERS, BundleContents,
)

MANIFEST, LISTING, PHOTOS, PARTIAL, DATA = "manifest.json", "清单.txt", "照片", ".partial", "数据"
DATA_FORMAT = 1  # of the 数据/ files; a receiver refuses a bundle whose format it does not know
MARGIN = 1024 * 1024  # bytes kept free on the stick beyond the bundle itself
Progress = Callable[[int, int], None]

FULL = QT_TRANSLATE_NOOP("Errors", "The bundle needs %1 MB but %2 has only %3 MB free. Use another USB stick or free some space.")
NO_PLACE = QT_TRANSLATE_NOOP("Errors", "%1 cannot be written: it is read-only or protected. Choose another folder or USB stick.")
GONE = QT_TRANSLATE_NOOP("Errors", "%1 is no longer there (was the USB stick pulled out?). Nothing of the bundle was kept.")
FAILED = QT_TRANSLATE_NOOP("Errors", "Writing to %1 failed: %2. Nothing of the bundle was kept.")
CHANGED = QT_TRANSLATE_NOOP("Errors", "The bundle written to %1 does not read back as written (%2 files differ); it was removed. "
                                      "The USB stick may be faulty.")


@dataclass(frozen=True, kw_only=True)
class BundleFile:
    path: str  # inside the bundle, with / between folders
    size: int
    sha256: str


@dataclass(frozen=True, kw_only=True)
class BundleResult:
    path: Path
    files: tuple[BundleFile, ...]
    counts: dict[str, Any]
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "files": [vars(f) for f in self.files], "counts": self.counts,
                "warnings": list(self.warnings)}


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


# ---- making the bundle in a scratch folder -------------------------------------------------------------------

def _photos(contents: BundleContents, *, private_names: bool = False) -> list[tuple[str, Path, str]]:
    """(name inside 照片/, file, the record's label) for every photo of every record in the bundle, named after
    its record; numbered only (送教上门_0001.jpg) with *private_names*: an AES zip encrypts the files but not
    their names, which would show a child's name to anyone holding the stick (清单.txt, encrypted, says whose)."""
    found: list[tuple[str, Path, str]] = []
    counts: dict[str, int] = {}

    def add(family: str, label: str, photos: Any) -> None:
        for number, photo in enumerate(photos, 1):
            if photo.path.is_file():
                name = document_name(label, f"{number}", suffix=photo.path.suffix.lower())
                if private_names:
                    counts[family] = counts.get(family, 0) + 1
                    name = f"{FAMILIES[family]}_{counts[family]:04d}{photo.path.suffix.lower()}"
                found.append((f"{FAMILIES[family]}/{name}", photo.path, document_name(label, f"{number}", suffix="")))

    for log in contents.home_teaching:
        for visit in log.visits:  # type: ignore[attr-defined]
            add(HOME_TEACHING, f"{log.child.name}_{visit.date:%Y-%m-%d}", visit.photos)  # type: ignore[attr-defined]
    for sheet in contents.observation_sheets:
        o = sheet.observation  # type: ignore[attr-defined]
        add(OBSERVATIONS, f"{o.date:%Y-%m-%d}_{o.taught.name}_{o.topic}", o.photos)
    for record in contents.pair_records:
        for line in record.activities:  # type: ignore[attr-defined]
            if not line.is_observation:
                add(MENTORSHIP, f"{record.pair.names}_{line.date:%Y-%m-%d}_{line.kind}", line.photos)  # type: ignore[attr-defined]
    for sheet in contents.activity_sheets:
        a = sheet.activity  # type: ignore[attr-defined]
        add(ACTIVITIES, f"{a.date:%Y-%m-%d}_{a.kind.name}_{a.title}", a.photos)
    for child in getattr(contents.catchment, "children", ()):  # the 摸底's proof of where a child is
        if child.finding is not None:
            add(DROPOUT, f"{child.village}_{child.name}_去向证明", child.finding.photos)
    return found


def _listing(contents: BundleContents, files: list[BundleFile], sheets: dict[str, dict[str, int]],
             photo_labels: Sequence[tuple[str, str]] = (), replaced: Sequence[str] = ()) -> str:
    c = contents
    lines = [f"{c.school_name}（学校标识码 {c.school_code}）", f"{c.semester.label_zh}报送材料",
             f"导出时间：{c.exported_at:%Y-%m-%d %H:%M}", f"身份证号：{'完整' if c.full_ids else '已遮挡'}", "",
             "一、文件", *(f"  {f.path}（{f.size:,} 字节）" for f in files),
             f"  {MANIFEST}：文件校验清单（每个文件的大小和校验值，供教育局的电脑核对材料是否完整、是否被改动；"
             "请勿修改或删除）", "", "二、各表记录数"]
    lines += [f"  {name} / {sheet}：{rows} 条" for name, by_sheet in sheets.items() for sheet, rows in by_sheet.items()]
    checks = [check.text_zh for check in c.checks] + list(replaced)
    lines += ["", f"三、报送前检查（{len(checks)} 项未完成）"] + ([f"  {check}" for check in checks] or ["  无"])
    if photo_labels:  # the numbered photos of an encrypted zip: whose each one is
        lines += ["", "四、照片目录"] + [f"  {name}：{label}" for name, label in photo_labels]
    return "\r\n".join(lines) + "\r\n"  # Notepad on the bureau's PC


def _write_data(folder: Path, workbook: str, sheets: Sequence[Any]) -> list[dict[str, Any]]:
    """Each sheet of *workbook* as 数据/<workbook>/<sheet>.json (DATA_FORMAT): what a receiver (汇总) reads
    without parsing the display sheets; returns their manifest entries."""
    entries = []
    for sheet in sheets:
        relative = f"{DATA}/{Path(workbook).stem}/{sheet.name.replace('/', '_')}.json"
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"format": DATA_FORMAT, "workbook": workbook, **sheet.as_json()},
                                     ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        entries.append({"path": relative, "workbook": workbook, "sheet": sheet.name, "rows": len(sheet.rows),
                        "counts": sheet.counts})
    return entries


def stage_bundle(contents: BundleContents, folder: Path, *, font_path: Any = None,
                 progress: Progress = lambda _done, _total: None, workers: int | None = None,
                 private_names: bool = False, seal_key: bytes | None = None) -> dict[str, Any]:
    """Write every file of the bundle into the empty *folder*; returns the manifest it wrote last. A large
    bundle's PDFs are shared with *workers* other processes (default: one per core but this one's; 0: none).
    *private_names*: no file is named after a person (for an encrypted zip, whose names stay readable).
    *seal_key*: the school's key, sealing the manifest (domain/seal.py)."""
    from schooldesk.exports.bundle_pool import pdf_share, workers_for

    documents, photos = bundle_documents(contents, font_path), _photos(contents, private_names=private_names)
    total, done = len(documents) + len(photos) + 2, 0
    sheets: dict[str, dict[str, int]] = {}
    by_name = {d.name: d for d in documents}
    largest_first = sorted((d for d in documents if d.is_pdf), key=lambda d: -d.weight)

    def step() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    jobs = [(d.name, folder / d.name) for d in largest_first]
    replaced: list[str] = []  # rows whose stored text held a character no workbook can (see exports/sheets.py)
    data: list[dict[str, Any]] = []  # the 数据/ files: each sheet's values for a receiving program
    with pdf_share(contents, font_path, jobs, workers_for(documents, workers), folder.parent) as share:
        for document in (d for d in documents if not d.is_pdf):
            written = document.write(folder / document.name)
            sheets[document.name] = dict(written.rows)
            data += _write_data(folder, document.name, written.data)
            replaced += [f"{document.name}：{where}有无法写入的字符，已写作□，请修改该记录" for where in written.replaced]
            step()
        if contents.registers is not None:  # the roll: data only, for a receiver's 双重学籍 check
            from schooldesk.exports.registers import ROLL, roll_sheet
            from schooldesk.exports.sheets import sheet_data

            data += _write_data(folder, ROLL, [sheet_data(roll_sheet(contents.registers), contents.school_name)])
        for name, source, _label in photos:
            target = folder / PHOTOS / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            step()
        while (job := share.take()) is not None:
            by_name[job[0]].write(job[1])
            step()
        for _written in share.handed_out():
            step()
    files = [BundleFile(path=p.relative_to(folder).as_posix(), size=p.stat().st_size, sha256=_digest(p))
             for p in sorted(folder.rglob("*")) if p.is_file()]
    labels = [(f"{PHOTOS}/{name}", label) for name, _source, label in photos] if private_names else []
    (folder / LISTING).write_text(_listing(contents, files, sheets, labels, replaced), encoding="utf-8-sig")
    listing = folder / LISTING
    files.append(BundleFile(path=LISTING, size=listing.stat().st_size, sha256=_digest(listing)))
    from schooldesk import __version__

    records = {"photos": len(photos)}
    for family, count in ((OBSERVATIONS, len(contents.observation_sheets)), (ACTIVITIES, len(contents.activity_sheets)),
                          (HOME_TEACHING, sum(len(log.visits) for log in contents.home_teaching)),  # type: ignore[attr-defined]
                          (MENTORSHIP, len(contents.pair_records)), (TEACHERS, len(contents.teacher_figures))):
        if family in contents.families:
            records[family] = count
    manifest = {"school": contents.school_name, "school_code": contents.school_code, "semester": contents.semester.code,
                "semester_label": contents.semester.label_zh, "app_version": __version__,
                "exported_at": contents.exported_at.isoformat(), "full_ids": contents.full_ids,
                "families": list(contents.families), "files": [vars(f) for f in files],
                "county": contents.county, "township": contents.township, "data_format": DATA_FORMAT, "data": data,
                "counts": {"sheets": sheets, "records": records},
                "checks": [c.text_zh for c in contents.checks] + replaced}
    if seal_key is not None:
        from schooldesk.domain.seal import sealed

        manifest = sealed(manifest, seal_key)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    progress(total, total)
    return manifest
