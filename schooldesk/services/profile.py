"""A pupil's profile: details, categories and everything recorded about them, in date order."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolClass
from schooldesk.domain.activities import shown_values
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.activities import ActivityRow, pupil_activities
from schooldesk.services.care import CareRow, list_care
from schooldesk.services.dropout import CaseRow, list_cases
from schooldesk.services.access import masking
from schooldesk.services.pupils import PupilInput, load_pupil, pupil_input
from schooldesk.services.support import SupportRow, list_support

# What a timeline entry is; English for QCoreApplication.translate("Profile", ...).
CATEGORY_STARTED = QT_TRANSLATE_NOOP("Profile", "Category started")
CATEGORY_ENDED = QT_TRANSLATE_NOOP("Profile", "Category ended")
SUPPORT = QT_TRANSLATE_NOOP("Profile", "Support")
CASE_OPENED = QT_TRANSLATE_NOOP("Profile", "Stopped coming")
RETURN_VISIT = QT_TRANSLATE_NOOP("Profile", "Persuade-to-return visit")
CASE_CLOSED = QT_TRANSLATE_NOOP("Profile", "Case closed")
ACTIVITY = QT_TRANSLATE_NOOP("Profile", "Activity")  # a 家访, a 班会 … the pupil took part in


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    what: str  # one of the constants above
    text: str
    by: str = ""


@dataclass(frozen=True)
class PupilProfile:
    pupil_id: int
    details: PupilInput
    id_number_masked: str
    student_number_masked: str
    class_name: str
    care: tuple[CareRow, ...]
    support: tuple[SupportRow, ...]
    cases: tuple[CaseRow, ...]
    timeline: tuple[TimelineEntry, ...]
    activities: tuple[ActivityRow, ...] = ()


def timeline(care: list[CareRow], support: list[SupportRow], cases: list[CaseRow],
             activities: Sequence[ActivityRow] = ()) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for c in care:
        entries.append(TimelineEntry(c.start_date, CATEGORY_STARTED, "：".join(filter(None, (c.name_zh, c.summary))),
                                     c.responsible_teacher_name))
        if c.end_date:
            entries.append(TimelineEntry(c.end_date, CATEGORY_ENDED, c.name_zh))
    for s in support:
        entries.append(TimelineEntry(s.date, SUPPORT, "：".join(filter(None, (s.kind, s.content, s.outcome))),
                                     s.teacher_name))
    for case in cases:
        entries.append(TimelineEntry(case.started_on, CASE_OPENED, "：".join(filter(None, (case.reason, case.reason_note)))))
        for v in case.visits:
            if v.activity_id is not None:
                continue  # a 家访 saved as this visit: shown once, as the activity below
            entries.append(TimelineEntry(v.date, RETURN_VISIT,
                                         "；".join(filter(None, (v.met_with, v.conversation, v.result))), v.visitors))
        if case.closed_on:
            entries.append(TimelineEntry(case.closed_on, CASE_CLOSED,
                                         "：".join(filter(None, (case.outcome, case.outcome_note)))))
    for a in activities:
        extra = "；".join(f"{label}：{value}" for label, value in shown_values(a.kind, a.values)[:4])
        as_visit = "（劝返）" if a.return_visit_case else ""
        entries.append(TimelineEntry(a.date, ACTIVITY, "：".join(filter(None, (f"{a.kind.name}{as_visit}", a.title, extra,
                                                                             a.content))), a.people))
    return sorted(entries, key=lambda e: e.date)


def pupil_profile(db: Database, pupil_id: int, school_year: int) -> PupilProfile:
    """What the profile window shows, for every role: numbers masked (strictly for teachers); the full ones
    are only in the edit form (get_pupil), which is the office's."""
    with db.transaction() as session:
        details = pupil_input(load_pupil(session, pupil_id), school_year)
        school_class = session.get(SchoolClass, details.class_id) if details.class_id is not None else None
        class_name = school_class.name if school_class else ""
    care, support, cases = list_care(db, pupil_id), list_support(db, pupil_id), list_cases(db, pupil_id)
    activities = pupil_activities(db, pupil_id)
    mask_id, mask_number = masking(db)
    return PupilProfile(
        pupil_id=pupil_id, details=replace(details, id_number="", student_number=""),
        id_number_masked=mask_id(details.id_number),
        student_number_masked=mask_number(details.student_number),
        class_name=class_name, care=tuple(care), support=tuple(support), cases=tuple(cases),
        timeline=tuple(timeline(care, support, cases, activities)), activities=tuple(activities),
    )
