"""A family's records as PDFs for the archive box: a cover (school, semester, title, date, seal block), a
table of contents, then each record as it prints on its own, from a new page, 第 N 页 / 共 M 页 throughout.

A large school's semester (a thousand lesson observations) is more than one binder holds: past
:data:`VOLUME_RECORDS` records a family is bound in volumes (分册) of equal size, each a PDF with its own
cover (第 1 册 / 共 4 册, which records), contents and page numbers. Volumes are also laid out side by side
in the bundle's worker processes."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Paragraph

from schooldesk.exports.pdf_form import PdfForm, PdfResult, write_pdf, zh_date

Part = tuple[str, Callable[[PdfForm], list[Flowable]]]  # its line in the contents, and its pages
VOLUME_RECORDS = 250  # records in one bound volume at most: about two centimetres of A4, one archive box


def volumes(parts: Sequence[Part]) -> list[Sequence[Part]]:
    """*parts* in as few volumes of at most :data:`VOLUME_RECORDS` as will do, of sizes that differ by one
    at most; one volume (however empty) when they fit."""
    count = max(1, -(-len(parts) // VOLUME_RECORDS))
    size, extra = divmod(len(parts), count)
    found, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        found.append(parts[start:end])
        start = end
    return found


def volume_line(number: int, count: int, first: int, last: int) -> str:
    """The cover's line for one of several volumes: which volume, and which records it holds."""
    return f"第{number}册（共{count}册）　第{first}—{last}份"


def _entry(form: PdfForm, title: str) -> Paragraph:
    """An invisible line that puts the record in the contents (each record carries its own heading)."""
    style = ParagraphStyle("entry", parent=form.small, fontSize=1, leading=1, textColor="white")
    paragraph = form.text(title, style)
    paragraph.toc_entry = title  # type: ignore[attr-defined]
    return paragraph


def write_archive_pdf(path: Path, *, title: str, school_name: str, period: str, parts: Sequence[Part],
                      font_path: str | Path | None = None, printed: date | None = None, volume: str = "") -> PdfResult:
    """*volume*: the cover's line saying which volume this is (see :func:`volume_line`), when there are several."""
    printed = printed or date.today()
    lines = (school_name, period, *([volume] if volume else []), zh_date(printed))

    def build(form: PdfForm) -> list[Flowable]:
        story = [*form.cover(title, lines, "校长签名：", "填表人："), *form.contents()]
        if not parts:
            story.append(form.text("本学期无记录。", form.title_style))
        for index, (line, pages) in enumerate(parts):
            story += ([PageBreak()] if index else []) + [_entry(form, line), *pages(form)]
        return story

    return write_pdf(path, title=f"{school_name}{title} {period}{' ' + volume if volume else ''}", author=school_name,
                     build=build, font_path=font_path,
                     printed=printed, header=f"{school_name}　{period}")


def home_teaching_parts(logs: Sequence[object], printed: date) -> list[Part]:
    from schooldesk.exports.home_teaching_pdf import _Writer

    return [(f"送教上门学期记录：{log.child.name}", lambda form, log=log: _Writer(log, form, printed).semester_log())  # type: ignore[attr-defined]
            for log in logs]


def observation_parts(sheets: Sequence[object]) -> list[Part]:
    from schooldesk.exports.observation_pdf import HUNDRED_POINT, _Writer

    def pages(sheet: object) -> Callable[[PdfForm], list[Flowable]]:
        o = sheet.observation  # type: ignore[attr-defined]
        return lambda form: _Writer(form, sheet.school_name, sheet.semester.label_zh).observation(  # type: ignore[attr-defined]
            o, o.rubric or HUNDRED_POINT, sheet.taught_signature)  # type: ignore[attr-defined]

    return [(f"{s.observation.date:%Y-%m-%d} {s.observation.observer.name}听{s.observation.taught.name}《{s.observation.topic}》",  # type: ignore[attr-defined]
             pages(s)) for s in sheets]


def mentorship_parts(records: Sequence[object], assessments: Sequence[object]) -> list[Part]:
    from schooldesk.exports.mentorship_pdf import _assessment, _record

    parts: list[Part] = [(f"学期记录：{r.pair.names}", lambda form, r=r: _record(form, r)) for r in records]  # type: ignore[attr-defined]
    parts += [(f"考核表：{a.pair.names}", lambda form, a=a: _assessment(form, a)) for a in assessments]  # type: ignore[attr-defined]
    return parts


def activity_parts(sheets: Sequence[object]) -> list[Part]:
    from schooldesk.exports.activity_pdf import _activity

    return [(f"{s.activity.date:%Y-%m-%d} {s.activity.kind.name}：{s.activity.title}", lambda form, s=s: _activity(form, s))  # type: ignore[attr-defined]
            for s in sheets]
