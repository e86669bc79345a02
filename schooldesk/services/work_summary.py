"""Work summaries (工作总结) drafted from the records: the skeleton the county summaries share — 基本情况,
主要指标 (or 主要数据), 主要做法, 成效, 存在问题, 下一步打算 — with paragraphs written around the figures, small
tables, and prompts the clerk completes. Every figure stated is kept with its label as printed, each one taken
from the same service the registers and the bundle count with (services/figures.py and the family's books)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.due_dates import SUMMARY_FAMILIES
from schooldesk.services.summary_kit import HEADINGS, PROMPT, Context, Draft, WorkSummary

__all__ = ["HEADINGS", "PROMPT", "WorkSummary", "family_of", "work_summary"]


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
