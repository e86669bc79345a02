"""Small frozen records services hand to the UI and CLI (never live ORM objects)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldesk.domain.semester import SemesterKey


@dataclass(frozen=True)
class SchoolDetails:
    name: str
    code: str
    county: str = ""
    township: str = ""
    address: str = ""
    principal: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SemesterRow:
    id: int
    key: SemesterKey
    start: date
    end: date

    @property
    def label_zh(self) -> str:
        return self.key.label_zh


@dataclass(frozen=True)
class TeacherRow:
    id: int
    name: str
    gender: str
    subjects: str
    title: str
    phone: str
    active: bool


@dataclass(frozen=True)
class TeacherInput:
    """What the teacher form edits."""

    name: str
    gender: str
    subjects: str = ""
    title: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ClassRow:
    id: int
    school_year: int
    grade: int
    number: int
    name: str
    head_teacher_id: int | None
    head_teacher_name: str
    active: bool


@dataclass(frozen=True)
class ClassInput:
    """What the class form edits; an empty name means the standard one (三年级(2)班)."""

    school_year: int
    grade: int
    number: int
    name: str = ""
    head_teacher_id: int | None = None


@dataclass(frozen=True)
class TeacherRef:
    """A teacher named on a record (a visit's, an observation's, a pair's)."""

    id: int
    name: str
