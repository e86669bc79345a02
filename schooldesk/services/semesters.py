"""Terms and their dates; which one is current."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Semester
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey, TermDates, semester_for, validate_school_year, validate_term_dates
from schooldesk.services.rows import SemesterRow
from schooldesk.services.access import require_admin


def _row(semester: Semester) -> SemesterRow:
    return SemesterRow(
        id=semester.id,
        key=SemesterKey(semester.school_year, semester.term),
        start=semester.start_date,
        end=semester.end_date,
    )


def list_semesters(db: Database) -> list[SemesterRow]:
    """All terms the school has set up, oldest first."""
    with db.transaction() as session:
        found = session.scalars(select(Semester).order_by(Semester.school_year, Semester.term))
        return [_row(s) for s in found]


def save_term_dates(session: Session, term1: TermDates, term2: TermDates) -> None:
    """Create or update one school year's two terms inside the caller's transaction."""
    validate_school_year(term1.key.school_year)
    validate_term_dates(term1, term2)
    for term in (term1, term2):
        semester = session.scalars(
            select(Semester).where(
                Semester.school_year == term.key.school_year, Semester.term == term.key.term
            )
        ).first() or Semester(school_year=term.key.school_year, term=term.key.term)
        semester.start_date, semester.end_date = term.start, term.end
        session.add(semester)


def set_school_year(db: Database, term1: TermDates, term2: TermDates) -> None:
    require_admin(db)
    with db.transaction() as session:
        save_term_dates(session, term1, term2)


def current_semester(semesters: list[SemesterRow], today: date) -> SemesterRow | None:
    """The term *today* belongs to; before any term, the first one; None when there are none."""
    if not semesters:
        return None
    key = semester_for(today, [TermDates(s.key, s.start, s.end) for s in semesters])
    return next((s for s in semesters if s.key == key), semesters[0])


def current_semester_key(db: Database, today: date | None = None) -> SemesterKey:
    """The term *today* belongs to (see ``current_semester``); an error before any set-up."""
    current = current_semester(list_semesters(db), today or date.today())
    if current is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "No school year is set up yet; run the set-up first."))
    return current.key


def chosen_semester(db: Database, code: str | None, today: date | None = None) -> SemesterKey:
    """The term a command names (``2025-2026-1``), or the current one; an error naming it when the school has
    not set it up, the same for every command and page."""
    if not code:
        return current_semester_key(db, today)
    key = SemesterKey.parse(code)
    with db.transaction() as session:
        semester_dates(session, key)
    return key


def working_school_year(db: Database, today: date | None = None) -> int:
    """The school year new records belong to: that of the current term."""
    return current_semester_key(db, today).school_year


def semester_dates(session: Session, key: SemesterKey) -> Semester:
    """The term *key* as the school set it; an error naming it when it has not been set up."""
    semester = session.scalars(
        select(Semester).where(Semester.school_year == key.school_year, Semester.term == key.term)
    ).first()
    if semester is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "%1 has not been set up; set its dates in Settings first."),
                            key.label_zh)
    return semester
