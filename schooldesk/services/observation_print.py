"""What the printed 听课评课 documents and the workbook show: one observation, a teacher's semester, the blank
form in the school's rubric, and the semester's observations with the quota table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.rubrics import HUNDRED_POINT, RubricDefinition
from schooldesk.domain.semester import SemesterKey, TermDates, semester_for
from schooldesk.services.observation_quotas import QuotaRow, quota_table
from schooldesk.services.observations import ObservationFilter, ObservationRow, get_observation, list_observations
from schooldesk.services.print_settings import taught_teacher_signs
from schooldesk.services.rubrics import default_rubric
from schooldesk.services.school import get_school
from schooldesk.services.semesters import list_semesters


def _school_name(db: Database) -> str:
    school = get_school(db)
    return school.name if school else ""


def _semester_of(db: Database, day: date) -> SemesterKey:
    key = semester_for(day, [TermDates(s.key, s.start, s.end) for s in list_semesters(db)])
    if key is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "No school year is set up yet; run the set-up first."))
    return key


@dataclass(frozen=True, kw_only=True)
class ObservationSheet:
    """One observation on one A4 page."""

    school_name: str
    semester: SemesterKey
    observation: ObservationRow
    taught_signature: bool

    @property
    def file_name(self) -> str:
        o = self.observation
        return document_name("听课记录", o.taught.name, o.topic, f"{o.date:%Y%m%d}", suffix=".pdf")


def observation_sheet(db: Database, observation_id: int) -> ObservationSheet:
    row = get_observation(db, observation_id)
    return ObservationSheet(school_name=_school_name(db), semester=_semester_of(db, row.date), observation=row,
                            taught_signature=taught_teacher_signs(db))


def observation_sheets(db: Database, book: ObservationBook) -> tuple[ObservationSheet, ...]:
    """Each observation of *book* on its page, from the rows the book has read already: the bundle's archive
    in one read, not one per record."""
    signs = taught_teacher_signs(db)
    return tuple(ObservationSheet(school_name=book.school_name, semester=book.semester, observation=row,
                                  taught_signature=signs) for row in book.observations)


@dataclass(frozen=True, kw_only=True)
class BlankObservationForm:
    """The 听课记录表 to fill in by hand, in the school's rubric."""

    school_name: str
    semester: SemesterKey | None
    rubric: RubricDefinition
    taught_signature: bool

    @property
    def file_name(self) -> str:
        return document_name("听课记录表", "空白", self.rubric.name, suffix=".pdf")


def blank_observation_form(db: Database, semester: SemesterKey | None = None) -> BlankObservationForm:
    rubric = default_rubric(db)
    return BlankObservationForm(school_name=_school_name(db), semester=semester,
                                rubric=rubric.definition if rubric else HUNDRED_POINT,
                                taught_signature=taught_teacher_signs(db))


@dataclass(frozen=True, kw_only=True)
class TeacherObservationLog:
    """听课记录汇总: what one teacher observed in a semester against their quota, and who observed them."""

    school_name: str
    semester: SemesterKey
    quota: QuotaRow
    observed: tuple[ObservationRow, ...]
    observed_in: tuple[ObservationRow, ...]

    @property
    def file_name(self) -> str:
        return document_name("听课记录汇总", self.quota.teacher, self.semester.label_zh, suffix=".pdf")


def teacher_observation_log(db: Database, teacher_id: int, semester: SemesterKey, today: date) -> TeacherObservationLog:
    quota = next((q for q in quota_table(db, semester, today) if q.teacher_id == teacher_id), None)
    if quota is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The teacher no longer exists."))
    rows = list_observations(db, semester, ObservationFilter(teacher_id=teacher_id))
    oldest_first = sorted(rows, key=lambda r: (r.date, r.period, r.id))
    return TeacherObservationLog(
        school_name=_school_name(db), semester=semester, quota=quota,
        observed=tuple(r for r in oldest_first if r.observer.id == teacher_id),
        observed_in=tuple(r for r in oldest_first if r.taught.id == teacher_id))


@dataclass(frozen=True, kw_only=True)
class ObservationBook:
    """The semester's observations and quota table, for the workbook."""

    school_name: str
    semester: SemesterKey
    observations: tuple[ObservationRow, ...]
    quotas: tuple[QuotaRow, ...]

    @property
    def file_name(self) -> str:
        return document_name(self.school_name, "听课评课", self.semester.label_zh, suffix=".xlsx")


def observation_book(db: Database, semester: SemesterKey, today: date) -> ObservationBook:
    rows = sorted(list_observations(db, semester), key=lambda r: (r.date, r.period, r.id))
    return ObservationBook(school_name=_school_name(db), semester=semester, observations=tuple(rows),
                           quotas=tuple(quota_table(db, semester, today)))
