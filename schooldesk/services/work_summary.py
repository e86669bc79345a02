"""Work summaries (工作总结) drafted from the records: the skeleton the county summaries share — 基本情况,
主要指标 (or 主要数据), 主要做法, 成效, 存在问题, 下一步打算 — with paragraphs written around the figures, small
tables, and prompts the clerk completes. Every figure stated is kept with its label as printed, each one taken
from the same service the registers and the bundle count with (services/figures.py and the family's books)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.due_dates import SUMMARY_FAMILIES

HEADINGS = ("基本情况", "主要指标", "主要做法", "成效", "存在问题", "下一步打算")
PROMPT = "【请补充】"


@dataclass(frozen=True, kw_only=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, kw_only=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    prompts: tuple[str, ...] = ()  # lines the clerk completes, each starting 【请补充】


@dataclass(frozen=True, kw_only=True)
class WorkSummary:
    school_name: str
    semester: SemesterKey
    family: str  # a key of SUMMARY_FAMILIES
    as_of: date
    sections: tuple[Section, ...]
    figures: dict[str, int | str]  # label as printed → value, every figure the document states

    @property
    def title(self) -> str:
        return f"{self.school_name}{self.semester.label_zh}{SUMMARY_FAMILIES[self.family]}工作总结"

    @property
    def file_name(self) -> str:
        return document_name(self.school_name, self.semester.label_zh, f"{SUMMARY_FAMILIES[self.family]}工作总结",
                             suffix=".docx")


class Draft:
    """Collects a summary's sections and each figure as it is written into a sentence."""

    def __init__(self) -> None:
        self.figures: dict[str, int | str] = {}
        self.sections: list[Section] = []

    def fig(self, label: str, value: int | str, unit: str = "") -> str:
        """“label value unit” for a sentence, the figure kept under its label (a label printed twice with two
        values — a kind named like a grade — is kept the second time as “label·2”)."""
        key, n = label, 1
        while self.figures.setdefault(key, value) != value:
            n += 1
            key = f"{label}·{n}"
        return f"{label}{value}{unit}"

    def section(self, heading: str, paragraphs: Sequence[str] = (), *, table: Table | None = None,
                prompts: Sequence[str] = ()) -> None:
        self.sections.append(Section(heading=heading, paragraphs=tuple(p for p in paragraphs if p), table=table,
                                     prompts=tuple(f"{PROMPT}{p}" for p in prompts)))


@dataclass(frozen=True, kw_only=True)
class Context:
    db: Database
    semester: SemesterKey
    start: date
    end: date
    today: date  # figures are judged on min(today, end)

    @property
    def as_of(self) -> date:
        return min(self.today, self.end)


def family_of(text: str) -> str:
    if text not in SUMMARY_FAMILIES:
        raise ValidationError("family", QT_TRANSLATE_NOOP("Errors", "Choose one of: %1."), ", ".join(SUMMARY_FAMILIES))
    return text


def work_summary(db: Database, semester: SemesterKey, family: str, *, today: date | None = None) -> WorkSummary:
    from schooldesk.services.school import get_school
    from schooldesk.services.semesters import semester_dates
    from schooldesk.services.summary_dropout import dropout_summary, home_teaching_summary
    from schooldesk.services.summary_teaching import activities_summary, mentorship_summary, observation_summary

    writers: dict[str, Callable[[Draft, Context], None]] = {
        "dropout": dropout_summary, "home-teaching": home_teaching_summary, "observation": observation_summary,
        "mentorship": mentorship_summary, "activities": activities_summary}
    family = family_of(family)
    with db.transaction() as session:
        term = semester_dates(session, semester)
        start, end = term.start_date, term.end_date
    school = get_school(db)
    context = Context(db=db, semester=semester, start=start, end=end, today=today or date.today())
    draft = Draft()
    writers[family](draft, context)
    return WorkSummary(school_name=school.name if school else "", semester=semester, family=family,
                       as_of=context.as_of, sections=tuple(draft.sections), figures=dict(draft.figures))


def names(items: Sequence[str], most: int = 8) -> str:
    """张三、李四等5人 — a list short enough for a sentence."""
    shown = "、".join(items[:most])
    return f"{shown}等{len(items)}人" if len(items) > most else shown


@dataclass(frozen=True, kw_only=True)
class Counted:
    """A small label → count table in the order given."""

    header: tuple[str, str]
    rows: list[tuple[str, int]] = field(default_factory=list)

    def table(self) -> Table:
        return Table(header=self.header, rows=tuple((label, str(n)) for label, n in self.rows))
