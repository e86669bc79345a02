"""What the printed 活动记录 documents and the workbook show: one activity, the blank 家访记录表 for a pupil, and
the semester's summary (counts by kind and month, the list)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.activities import HOME_VISIT, KindSpec
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey, TermDates, semester_for
from schooldesk.services.activities import ActivityRow, get_activity, list_activities
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.frequency_targets import FrequencyRow, frequency_standing
from schooldesk.services.school import get_school
from schooldesk.services.semesters import list_semesters


def _school_name(db: Database) -> str:
    school = get_school(db)
    return school.name if school else ""


@dataclass(frozen=True, kw_only=True)
class ActivitySheet:
    school_name: str
    semester: SemesterKey | None
    activity: ActivityRow

    @property
    def file_name(self) -> str:
        a = self.activity
        return document_name(a.kind.name, a.title, f"{a.date:%Y%m%d}", suffix=".pdf")


def activity_sheet(db: Database, activity_id: int) -> ActivitySheet:
    row = get_activity(db, activity_id)
    terms = [TermDates(s.key, s.start, s.end) for s in list_semesters(db)]
    semester = semester_for(row.date, terms)
    if semester is not None:
        row = get_activity(db, activity_id, semester.school_year)  # with the pupils' classes that year
    return ActivitySheet(school_name=_school_name(db), semester=semester, activity=row)


@dataclass(frozen=True, kw_only=True)
class BlankHomeVisit:
    """The 家访记录表 to take on foot: the school, the pupil's details and guardians printed, the rest blank."""

    school_name: str
    kind: KindSpec
    pupil_name: str
    gender: str
    class_name: str
    address: str
    guardians: tuple[str, ...]
    care: str  # the pupil's care categories

    @property
    def file_name(self) -> str:
        return document_name("家访记录表", self.pupil_name, suffix=".pdf")


def blank_home_visit(db: Database, pupil_id: int, school_year: int) -> BlankHomeVisit:
    from schooldesk.services.profile import pupil_profile

    kind = next((k for k in list_kinds(db, include_hidden=True).values() if k.code == HOME_VISIT), None)
    if kind is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The kind of activity no longer exists."))
    profile = pupil_profile(db, pupil_id, school_year)
    d = profile.details
    guardians = tuple(f"{g.name}（{g.relation}）{g.phone}" for g in d.guardians if g.name)
    care = "、".join(dict.fromkeys(c.name_zh for c in profile.care if c.end_date is None))
    return BlankHomeVisit(school_name=_school_name(db), kind=kind, pupil_name=d.name, gender=d.gender,
                          class_name=profile.class_name, address=d.address, guardians=guardians, care=care)


@dataclass(frozen=True, kw_only=True)
class ActivitySummary:
    school_name: str
    semester: SemesterKey
    activities: tuple[ActivityRow, ...]
    frequency: tuple[FrequencyRow, ...] = ()  # done / required per frequency target of the semester

    @property
    def file_name(self) -> str:
        return document_name(self.school_name, "活动记录汇总", self.semester.label_zh, suffix=".pdf")

    @property
    def months(self) -> list[date]:
        return sorted({a.date.replace(day=1) for a in self.activities})

    def counts(self) -> list[tuple[str, dict[date, int], int]]:
        """Per kind: its count in each month and in all (kinds with no activity left out)."""
        found: dict[str, Counter[date]] = {}
        for a in self.activities:
            found.setdefault(a.kind.name, Counter())[a.date.replace(day=1)] += 1
        return [(name, dict(months), sum(months.values())) for name, months in found.items()]


def activity_summary(db: Database, semester: SemesterKey) -> ActivitySummary:
    rows = sorted(list_activities(db, semester), key=lambda a: (a.date, a.id))
    return ActivitySummary(school_name=_school_name(db), semester=semester, activities=tuple(rows),
                           frequency=frequency_standing(db, semester))


def activity_sheets(summary: ActivitySummary) -> tuple[ActivitySheet, ...]:
    """Each activity of *summary* on its page, from the rows it has read already (the bundle's archive in
    one read). An activity in the holidays after a term is listed in that term, so it prints with it."""
    return tuple(ActivitySheet(school_name=summary.school_name, semester=summary.semester, activity=row)
                 for row in summary.activities)
