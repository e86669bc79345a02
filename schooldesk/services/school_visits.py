"""Visits the school received (视导, 督导, 常规检查): who came, what they checked, their 反馈意见, and the 整改
items they asked for, each with a due date and its closing. Open items stay on the home page until closed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolVisit, VisitAction
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_long_text, validate_text
from schooldesk.domain.teacher_growth import VISIT_KINDS, choose
from schooldesk.services.access import require_record_keeper

MAX_TEXT = 3000
MAX_ACTIONS = 30


@dataclass(frozen=True, kw_only=True)
class ActionInput:
    """One 整改 item; *id* keeps an existing item (its history) when the visit is edited."""

    item: str
    due_date: date
    closed_on: date | None = None
    closing: str = ""
    id: int | None = None


@dataclass(frozen=True, kw_only=True)
class SchoolVisitInput:
    kind: str
    date: date
    visitors: str
    checked: str = ""
    feedback: str = ""
    actions: tuple[ActionInput, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ActionRow:
    id: int
    visit_id: int
    item: str
    due_date: date
    closed_on: date | None
    closing: str
    visit_kind: str = ""
    visit_date: date | None = None

    @property
    def open(self) -> bool:
        return self.closed_on is None

    def overdue(self, today: date) -> bool:
        return self.open and self.due_date < today


@dataclass(frozen=True, kw_only=True)
class SchoolVisitRow:
    id: int
    kind: str
    date: date
    visitors: str
    checked: str
    feedback: str
    actions: tuple[ActionRow, ...]

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.actions if a.open)

    def as_input(self) -> SchoolVisitInput:
        return SchoolVisitInput(kind=self.kind, date=self.date, visitors=self.visitors, checked=self.checked,
                                feedback=self.feedback, actions=tuple(
                                    ActionInput(item=a.item, due_date=a.due_date, closed_on=a.closed_on,
                                                closing=a.closing, id=a.id) for a in self.actions))


def _row(visit: SchoolVisit) -> SchoolVisitRow:
    return SchoolVisitRow(id=visit.id, kind=visit.kind, date=visit.date, visitors=visit.visitors, checked=visit.checked,
                          feedback=visit.feedback, actions=tuple(
                              ActionRow(id=a.id, visit_id=visit.id, item=a.item, due_date=a.due_date, closed_on=a.closed_on,
                                        closing=a.closing, visit_kind=visit.kind, visit_date=visit.date)
                              for a in visit.actions))


def list_school_visits(db: Database, start: date | None = None, end: date | None = None) -> list[SchoolVisitRow]:
    """Visits from *start* to *end* (every one when not given), newest first."""
    with db.transaction() as session:
        query = select(SchoolVisit).options(selectinload(SchoolVisit.actions))
        if start is not None:
            query = query.where(SchoolVisit.date >= start)
        if end is not None:
            query = query.where(SchoolVisit.date <= end)
        return [_row(v) for v in session.scalars(query.order_by(SchoolVisit.date.desc(), SchoolVisit.id.desc()))]


def open_actions(db: Database) -> list[ActionRow]:
    """整改 items not yet closed, the earliest due first (the home page's list)."""
    with db.transaction() as session:
        found = session.scalars(select(VisitAction).where(VisitAction.closed_on.is_(None))
                                .order_by(VisitAction.due_date, VisitAction.id)).all()
        visits = {v.id: v for v in session.scalars(select(SchoolVisit).where(
            SchoolVisit.id.in_({a.visit_id for a in found})))} if found else {}
        return [ActionRow(id=a.id, visit_id=a.visit_id, item=a.item, due_date=a.due_date, closed_on=None, closing="",
                          visit_kind=visits[a.visit_id].kind, visit_date=visits[a.visit_id].date) for a in found]


def _write(session: Session, visit: SchoolVisit, data: SchoolVisitInput, today: date) -> None:
    if data.date > today:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    visitors = validate_text(data.visitors, "visitors", 200)
    if not visitors:
        raise ValidationError("visitors", QT_TRANSLATE_NOOP("Errors", "Say who came (names and 单位)."))
    if len(data.actions) > MAX_ACTIONS:
        raise ValidationError("actions", QT_TRANSLATE_NOOP("Errors", "At most %1 items."), MAX_ACTIONS)
    visit.kind, visit.date, visit.visitors = choose(data.kind, VISIT_KINDS, "kind"), data.date, visitors
    visit.checked = validate_long_text(data.checked, "checked", MAX_TEXT)
    visit.feedback = validate_long_text(data.feedback, "feedback", MAX_TEXT)
    kept = {a.id: a for a in visit.actions}
    actions = []
    for position, given in enumerate(data.actions):
        item = validate_text(given.item, "actions", 200)
        if not item:
            continue  # an empty line of the list
        if given.due_date < data.date:
            raise ValidationError("actions", QT_TRANSLATE_NOOP("Errors", "“%1” is due before the visit."), item)
        action = kept.pop(given.id, None) if given.id else None
        action = action or VisitAction()
        action.position, action.item, action.due_date = position, item, given.due_date
        _close(action, given.closed_on, given.closing, data.date, today)
        actions.append(action)
    visit.actions = actions


def _close(action: VisitAction, closed_on: date | None, closing: str, visited: date, today: date) -> None:
    closing = validate_text(closing, "closing", 200)
    if closed_on is not None:
        if closed_on > today or closed_on < visited:
            raise ValidationError("closing", QT_TRANSLATE_NOOP(
                "Errors", "“%1” is closed on a day before the visit or in the future."), action.item)
        if not closing:
            raise ValidationError("closing", QT_TRANSLATE_NOOP("Errors", "Say how “%1” was put right."), action.item)
    action.closed_on, action.closing = closed_on, closing if closed_on else ""


def _load(session: Session, visit_id: int) -> SchoolVisit:
    visit = session.get(SchoolVisit, visit_id)
    if visit is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return visit


def add_school_visit(db: Database, data: SchoolVisitInput, *, today: date | None = None) -> SchoolVisitRow:
    require_record_keeper(db)
    with db.transaction() as session:
        visit = SchoolVisit(actions=[])
        session.add(visit)
        _write(session, visit, data, today or date.today())
        session.flush()
        return _row(visit)


def update_school_visit(db: Database, visit_id: int, data: SchoolVisitInput, *, today: date | None = None) -> SchoolVisitRow:
    require_record_keeper(db)
    with db.transaction() as session:
        visit = _load(session, visit_id)
        _write(session, visit, data, today or date.today())
        session.flush()
        return _row(visit)


def close_action(db: Database, action_id: int, closed_on: date, closing: str, *, today: date | None = None) -> ActionRow:
    """Mark one 整改 item as put right (from the home page)."""
    require_record_keeper(db)
    with db.transaction() as session:
        action = session.get(VisitAction, action_id)
        if action is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
        visit = _load(session, action.visit_id)
        _close(action, closed_on, closing, visit.date, today or date.today())
        session.flush()
        return next(a for a in _row(visit).actions if a.id == action_id)


def delete_school_visit(db: Database, visit_id: int) -> None:
    require_record_keeper(db)
    with db.transaction() as session:
        session.delete(_load(session, visit_id))
