"""The documents a semester's bundle is made of — each workbook and PDF, how to write it and about how many
records it lays out — shared by the bundle (exports/bundle.py) and its worker processes (exports/bundle_pool.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schooldesk.services.bundle import ACTIVITIES, DROPOUT, HOME_TEACHING, MENTORSHIP, OBSERVATIONS, TEACHERS, BundleContents


@dataclass(frozen=True, kw_only=True)
class Document:
    """One file of the bundle (a workbook or a PDF), how to write it, and about how many records it lays out."""

    family: str
    name: str
    write: Callable[[Path], Any]
    weight: int = 0

    @property
    def is_pdf(self) -> bool:
        return self.name.endswith(".pdf")


def _register_lines(book: Any) -> int:
    """About how many records the registers' PDF lays out: its lines."""
    return sum(len(lines) for lines in (book.care, book.support, book.dropouts, book.home_taught))


def bundle_documents(contents: BundleContents, font: Any) -> list[Document]:
    """Every document the chosen families make; a family's archive PDF in volumes when it is large."""
    from schooldesk.exports import activity_pdf, archive_pdf, mentorship_pdf, observation_pdf
    from schooldesk.exports.monthly_report import write_monthly_report_xlsx
    from schooldesk.exports.registers import write_registers_pdf, write_registers_xlsx
    from schooldesk.exports.sheets import write_workbook

    c, label, printed = contents, contents.semester.label_zh, contents.as_of

    def archive(family: str, stem: str, title: str, parts: list[archive_pdf.Part]) -> list[Document]:
        books = archive_pdf.volumes(parts)
        found, first = [], 1
        for number, book in enumerate(books, 1):
            volume = archive_pdf.volume_line(number, len(books), first, first + len(book) - 1) if len(books) > 1 else ""
            name = f"{stem}_第{number}册.pdf" if len(books) > 1 else f"{stem}.pdf"
            found.append(Document(family=family, name=name, weight=len(book), write=lambda p, book=book, volume=volume:
                                  archive_pdf.write_archive_pdf(p, title=title, school_name=c.school_name, period=label,
                                                                parts=book, font_path=font, printed=printed, volume=volume)))
            first += len(book)
        return found

    docs: list[Document] = []
    if c.registers is not None:
        docs += [Document(family=DROPOUT, name="控辍保学台账.xlsx",
                          write=lambda p: write_registers_xlsx(p, c.registers, filled_on=printed)),
                 Document(family=DROPOUT, name="控辍保学台账.pdf", weight=_register_lines(c.registers),
                          write=lambda p: write_registers_pdf(p, c.registers, font_path=font, printed=printed))]
        docs += [Document(family=DROPOUT, name=f"控辍保学月报_{r.file_label}.xlsx",
                          write=lambda p, r=r: write_monthly_report_xlsx(p, r, filled_on=printed)) for r in c.monthly]
    if c.catchment is not None:
        from schooldesk.exports.catchment_sheets import write_catchment_pdf, write_catchment_xlsx

        docs += [Document(family=DROPOUT, name="适龄儿童摸底.xlsx",
                          write=lambda p: write_catchment_xlsx(p, c.catchment, filled_on=printed)),
                 Document(family=DROPOUT, name="适龄儿童摸底.pdf", weight=len(c.catchment.children),  # type: ignore[attr-defined]
                          write=lambda p: write_catchment_pdf(p, c.catchment, font_path=font, printed=printed))]
    if HOME_TEACHING in c.families:
        from schooldesk.exports.bundle_sheets import home_teaching_sheets

        docs += [Document(family=HOME_TEACHING, name="送教上门.xlsx", write=lambda p: write_workbook(
            p, home_teaching_sheets(c.home_teaching, printed), school_name=c.school_name, filled_on=printed))]
        docs += archive(HOME_TEACHING, "送教上门", "送教上门记录", archive_pdf.home_teaching_parts(c.home_teaching, printed))
    if c.observation_book is not None:
        docs += [Document(family=OBSERVATIONS, name="听课评课.xlsx", write=lambda p: observation_pdf.write_observations_xlsx(
            p, c.observation_book, filled_on=printed))]
        docs += archive(OBSERVATIONS, "听课评课", "听课记录", archive_pdf.observation_parts(c.observation_sheets))
    if c.mentorship_book is not None:
        docs += [Document(family=MENTORSHIP, name="师徒结对.xlsx", write=lambda p: mentorship_pdf.write_mentorship_xlsx(
            p, c.mentorship_book, filled_on=printed))]
        docs += archive(MENTORSHIP, "师徒结对", "师徒结对记录", archive_pdf.mentorship_parts(c.pair_records, c.assessments))
    if c.activity_summary is not None:
        docs += [Document(family=ACTIVITIES, name="活动记录.xlsx", write=lambda p: activity_pdf.write_activity_summary_xlsx(
            p, c.activity_summary, filled_on=printed))]
        docs += archive(ACTIVITIES, "活动记录", "活动记录", archive_pdf.activity_parts(c.activity_sheets))
    if TEACHERS in c.families:
        from schooldesk.exports.sheet_pdf import write_sheets_pdf
        from schooldesk.exports.teacher_file_pdf import teacher_sheets

        sheets = teacher_sheets(c.teacher_figures, c.school_visits, label)
        docs += [Document(family=TEACHERS, name="教师发展.xlsx", write=lambda p: write_workbook(
                     p, sheets, school_name=c.school_name, filled_on=printed)),
                 Document(family=TEACHERS, name="教师发展.pdf", weight=len(c.teacher_figures) + len(c.school_visits),
                          write=lambda p: write_sheets_pdf(p, sheets, school_name=c.school_name, title="教师发展",
                                                           period=label, font_path=font, printed=printed))]
    return docs
