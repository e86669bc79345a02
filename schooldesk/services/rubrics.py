"""The school's observation rubrics: list, copy, edit (a used version is never changed: a new one is made),
hide, and which one the school scores with by default."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Observation, Rubric, RubricVersion, SchoolSetting
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.rubrics import RubricDefinition, rubric_from_json, rubric_json, validate_rubric
from schooldesk.services.access import require_admin
from schooldesk.services.school_rules import write_setting

DEFAULT_RUBRIC_KEY = "observation_rubric"


@dataclass(frozen=True, kw_only=True)
class RubricRow:
    id: int
    name: str
    active: bool
    version_id: int  # the newest version: what new observations are scored with
    version: int
    definition: RubricDefinition
    observations: int  # scored with any of its versions
    is_default: bool = False


def newest_version(rubric: Rubric) -> RubricVersion:
    return rubric.versions[-1]


def version_definition(version: RubricVersion) -> RubricDefinition:
    return rubric_from_json(version.rubric.name, version.definition)


def _used(session: Session, version_ids: list[int]) -> int:
    return session.scalar(select(func.count()).select_from(Observation)
                          .where(Observation.rubric_version_id.in_(version_ids))) or 0


def _default_id(session: Session) -> int | None:
    setting = session.get(SchoolSetting, DEFAULT_RUBRIC_KEY)
    return int(setting.value["id"]) if setting and setting.value.get("id") else None


def _rows(session: Session, *, include_hidden: bool) -> list[RubricRow]:
    rubrics = [r for r in session.scalars(select(Rubric).order_by(Rubric.id)) if include_hidden or r.active]
    default = _default_id(session)
    if default not in {r.id for r in rubrics if r.active}:
        default = next((r.id for r in rubrics if r.active), None)
    return [RubricRow(id=r.id, name=r.name, active=r.active, version_id=newest_version(r).id,
                      version=newest_version(r).number, definition=version_definition(newest_version(r)),
                      observations=_used(session, [v.id for v in r.versions]), is_default=r.id == default)
            for r in rubrics]


def list_rubrics(db: Database, *, include_hidden: bool = False) -> list[RubricRow]:
    """The school's rubrics (the default one marked), oldest first."""
    with db.transaction() as session:
        return _rows(session, include_hidden=include_hidden)


def default_rubric(db: Database) -> RubricRow | None:
    return next((r for r in list_rubrics(db) if r.is_default), None)


def _load(session: Session, rubric_id: int) -> Rubric:
    rubric = session.get(Rubric, rubric_id)
    if rubric is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The rubric no longer exists."))
    return rubric


def _row(session: Session, rubric_id: int) -> RubricRow:
    return next(r for r in _rows(session, include_hidden=True) if r.id == rubric_id)


def add_rubric(db: Database, definition: RubricDefinition) -> RubricRow:
    require_admin(db)
    definition = validate_rubric(definition)
    with db.transaction() as session:
        rubric = Rubric(name=definition.name, active=True, versions=[
            RubricVersion(number=1, definition=rubric_json(definition), created_at=datetime.now())])
        session.add(rubric)
        session.flush()
        return _row(session, rubric.id)


def update_rubric(db: Database, rubric_id: int, definition: RubricDefinition) -> RubricRow:
    """Save what the school changed. A version no observation used is changed in place; once one did, the
    change becomes the next version, so those observations keep their totals and grades."""
    require_admin(db)
    definition = validate_rubric(definition)
    with db.transaction() as session:
        rubric = _load(session, rubric_id)
        rubric.name = definition.name
        newest = newest_version(rubric)
        stored = rubric_json(definition)
        if _used(session, [newest.id]):
            if stored != newest.definition:
                rubric.versions.append(RubricVersion(number=newest.number + 1, definition=stored,
                                                     created_at=datetime.now()))
        else:
            newest.definition = stored
        session.flush()
        return _row(session, rubric.id)


def set_rubric_active(db: Database, rubric_id: int, active: bool) -> RubricRow:
    """Hide a rubric no longer used for new observations (those scored with it keep it)."""
    require_admin(db)
    with db.transaction() as session:
        _load(session, rubric_id).active = active
        return _row(session, rubric_id)


def set_default_rubric(db: Database, rubric_id: int) -> None:
    require_admin(db)
    with db.transaction() as session:
        _load(session, rubric_id)
        write_setting(session, DEFAULT_RUBRIC_KEY, {"id": rubric_id})
