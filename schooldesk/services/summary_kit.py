"""The parts a work summary (工作总结) is written with: the skeleton's headings, a section, a small table, and
the draft that keeps each figure under its label as it goes into a sentence (services/work_summary.py writes
one per family; services/summary_dropout.py and summary_teaching.py fill them)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.file_names import document_name
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
