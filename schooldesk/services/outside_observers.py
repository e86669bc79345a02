"""Observers from outside the school (督学, 教研员, 中心校 leaders): kept as people of their own, chosen in the
observation form beside the school's teachers. Their observations count in the observed teacher's file
(听课 received) but never in the school's quotas, and no staff list shows them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import Teacher
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.people import validate_person_name
from schooldesk.domain.pupils import validate_text
from schooldesk.domain.teacher_growth import OUTSIDE_POSTS, choose
from schooldesk.services.access import require_record_keeper


@dataclass(frozen=True, kw_only=True)
class OutsideObserverInput:
    name: str
    post: str  # 督学, 教研员, 中心校领导, 其他
    organisation: str = ""  # 县教研室, 中心校 …


@dataclass(frozen=True, kw_only=True)
class OutsideObserver:
    id: int
    name: str
    post: str
    organisation: str
    active: bool = True

    @property
    def label(self) -> str:
        """王明（县教研室 教研员）: how the observation form and the file name them."""
        return f"{self.name}（{' '.join(filter(None, (self.organisation, self.post)))}）"


def shown_name(teacher: Teacher) -> str:
    """A teacher's name; an outside observer's with their 单位 and 职务, as records show them."""
    return _row(teacher).label if teacher.outside else teacher.name


def _row(teacher: Teacher) -> OutsideObserver:
    # An outside observer's 职务 lives in the title column (they have no 职称 at this school).
    return OutsideObserver(id=teacher.id, name=teacher.name, post=teacher.title, organisation=teacher.organisation,
                           active=teacher.active)


def list_outside_observers(db: Database, *, include_inactive: bool = False) -> list[OutsideObserver]:
    with db.transaction() as session:
        query = select(Teacher).where(Teacher.outside.is_(True)).order_by(Teacher.name)
        if not include_inactive:
            query = query.where(Teacher.active.is_(True))
        return [_row(t) for t in session.scalars(query)]


def _write(teacher: Teacher, data: OutsideObserverInput) -> None:
    teacher.name = validate_person_name(data.name)
    teacher.title = choose(data.post, OUTSIDE_POSTS, "post")
    teacher.organisation = validate_text(data.organisation, "organisation", 60)


def add_outside_observer(db: Database, data: OutsideObserverInput) -> OutsideObserver:
    require_record_keeper(db)
    with db.transaction() as session:
        teacher = Teacher(gender="", subjects="", phone="", active=True, outside=True)
        _write(teacher, data)
        session.add(teacher)
        session.flush()
        return _row(teacher)


def update_outside_observer(db: Database, observer_id: int, data: OutsideObserverInput, *,
                            active: bool = True) -> OutsideObserver:
    """Correct an observer's details; *active* False takes them out of the form (their records stay)."""
    require_record_keeper(db)
    with db.transaction() as session:
        teacher = session.get(Teacher, observer_id)
        if teacher is None or not teacher.outside:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
        _write(teacher, data)
        teacher.active = active
        return _row(teacher)
