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
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.bundle import ACTIVITIES, DROPOUT, FAMILIES, HOME_TEACHING, MENTORSHIP, OBSERVATIONS, BundleContents

MANIFEST, LISTING, PHOTOS, PARTIAL = "manifest.json", "清单.txt", "照片", ".partial"
MARGIN = 1024 * 1024  # bytes kept free on the stick beyond the bundle itself
Progress = Callable[[int, int], None]
LARGEST_FIRST = (OBSERVATIONS, ACTIVITIES, DROPOUT, HOME_TEACHING, MENTORSHIP)  # a large school's PDFs, by size

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

def _documents(contents: BundleContents, font: Any) -> list[tuple[str, str, Callable[[Path], Any]]]:
    """(family, file name, writer) for every document the chosen families make."""
    from schooldesk.exports import activity_pdf, archive_pdf, mentorship_pdf, observation_pdf
    from schooldesk.exports.monthly_report import write_monthly_report_xlsx
    from schooldesk.exports.registers import write_registers_pdf, write_registers_xlsx
    from schooldesk.exports.sheets import write_workbook

    c, label, printed = contents, contents.semester.label_zh, contents.exported_at.date()
    archive = lambda title, parts: lambda p: archive_pdf.write_archive_pdf(  # noqa: E731
        p, title=title, school_name=c.school_name, period=label, parts=parts, font_path=font, printed=printed)
    docs: list[tuple[str, str, Callable[[Path], Any]]] = []
    if c.registers is not None:
        docs += [(DROPOUT, "控辍保学台账.xlsx", lambda p: write_registers_xlsx(p, c.registers, filled_on=printed)),
                 (DROPOUT, "控辍保学台账.pdf", lambda p: write_registers_pdf(p, c.registers, font_path=font, printed=printed))]
        docs += [(DROPOUT, f"控辍保学月报_{r.label}.xlsx", lambda p, r=r: write_monthly_report_xlsx(p, r, filled_on=printed))
                 for r in c.monthly]
    if HOME_TEACHING in c.families:
        from schooldesk.exports.bundle_sheets import home_teaching_sheets

        docs += [(HOME_TEACHING, "送教上门.xlsx", lambda p: write_workbook(p, home_teaching_sheets(c.home_teaching),
                                                                       school_name=c.school_name, filled_on=printed)),
                 (HOME_TEACHING, "送教上门.pdf", archive("送教上门记录", archive_pdf.home_teaching_parts(c.home_teaching, printed)))]
    if c.observation_book is not None:
        docs += [(OBSERVATIONS, "听课评课.xlsx", lambda p: observation_pdf.write_observations_xlsx(p, c.observation_book,
                                                                                            filled_on=printed)),
                 (OBSERVATIONS, "听课评课.pdf", archive("听课记录", archive_pdf.observation_parts(c.observation_sheets)))]
    if c.mentorship_book is not None:
        docs += [(MENTORSHIP, "师徒结对.xlsx", lambda p: mentorship_pdf.write_mentorship_xlsx(p, c.mentorship_book,
                                                                                          filled_on=printed)),
                 (MENTORSHIP, "师徒结对.pdf", archive("师徒结对记录", archive_pdf.mentorship_parts(c.pair_records, c.assessments)))]
    if c.activity_summary is not None:
        docs += [(ACTIVITIES, "活动记录.xlsx", lambda p: activity_pdf.write_activity_summary_xlsx(p, c.activity_summary,
                                                                                            filled_on=printed)),
                 (ACTIVITIES, "活动记录.pdf", archive("活动记录", archive_pdf.activity_parts(c.activity_sheets)))]
    return docs


def _photos(contents: BundleContents) -> list[tuple[str, Path]]:
    """(name inside 照片/, file) for every photo of every record in the bundle, named after its record."""
    found: list[tuple[str, Path]] = []

    def add(family: str, label: str, photos: Any) -> None:
        for number, photo in enumerate(photos, 1):
            if photo.path.is_file():
                name = document_name(label, f"{number}", suffix=photo.path.suffix.lower())
                found.append((f"{FAMILIES[family]}/{name}", photo.path))

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
    return found


def _listing(contents: BundleContents, files: list[BundleFile], sheets: dict[str, dict[str, int]]) -> str:
    c = contents
    lines = [f"{c.school_name}（学校标识码 {c.school_code}）", f"{c.semester.label_zh}报送材料",
             f"导出时间：{c.exported_at:%Y-%m-%d %H:%M}", f"身份证号：{'完整' if c.full_ids else '已遮挡'}", "",
             "一、文件", *(f"  {f.path}（{f.size:,} 字节）" for f in files), "", "二、各表记录数"]
    lines += [f"  {name} / {sheet}：{rows} 条" for name, by_sheet in sheets.items() for sheet, rows in by_sheet.items()]
    lines += ["", f"三、报送前检查（{len(c.checks)} 项未完成）"] + ([f"  {check.text_zh}" for check in c.checks] or ["  无"])
    return "\r\n".join(lines) + "\r\n"  # Notepad on the bureau's PC


def stage_bundle(contents: BundleContents, folder: Path, *, font_path: Any = None,
                 progress: Progress = lambda _done, _total: None, workers: int | None = None) -> dict[str, Any]:
    """Write every file of the bundle into the empty *folder*; returns the manifest it wrote last. A large
    bundle's PDFs are laid out in *workers* other processes (default: one per core; 0: none)."""
    from schooldesk.exports.bundle_pool import pdf_pool, workers_for

    documents, photos = _documents(contents, font_path), _photos(contents)
    total, done = len(documents) + len(photos) + 2, 0
    sheets: dict[str, dict[str, int]] = {}
    pdfs = sorted((d for d in documents if d[1].endswith(".pdf")), key=lambda d: LARGEST_FIRST.index(d[0]))
    count = workers_for(contents, len(pdfs), workers)
    elsewhere = pdfs if count else []

    def step() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    jobs = [(name, folder / name) for _f, name, _w in elsewhere]
    with pdf_pool(contents, font_path, jobs, count) if count else nullcontext([]) as pending:
        for _family, name, write in (d for d in documents if d not in elsewhere):
            result = write(folder / name)
            if hasattr(result, "rows"):
                sheets[name] = dict(result.rows)
            step()
        for name, source in photos:
            target = folder / PHOTOS / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            step()
        for _name, wait in pending:
            wait()
            step()
    files = [BundleFile(path=p.relative_to(folder).as_posix(), size=p.stat().st_size, sha256=_digest(p))
             for p in sorted(folder.rglob("*")) if p.is_file()]
    (folder / LISTING).write_text(_listing(contents, files, sheets), encoding="utf-8-sig")
    listing = folder / LISTING
    files.append(BundleFile(path=LISTING, size=listing.stat().st_size, sha256=_digest(listing)))
    from schooldesk import __version__

    records = {"photos": len(photos)}
    for family, count in ((OBSERVATIONS, len(contents.observation_sheets)), (ACTIVITIES, len(contents.activity_sheets)),
                          (HOME_TEACHING, sum(len(log.visits) for log in contents.home_teaching)),  # type: ignore[attr-defined]
                          (MENTORSHIP, len(contents.pair_records))):
        if family in contents.families:
            records[family] = count
    manifest = {"school": contents.school_name, "school_code": contents.school_code, "semester": contents.semester.code,
                "semester_label": contents.semester.label_zh, "app_version": __version__,
                "exported_at": contents.exported_at.isoformat(), "full_ids": contents.full_ids,
                "families": list(contents.families), "files": [vars(f) for f in files],
                "counts": {"sheets": sheets, "records": records}, "checks": [c.text_zh for c in contents.checks]}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    progress(total, total)
    return manifest
