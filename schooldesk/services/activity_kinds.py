"""The school's kinds of activity, kept as data: list them, add a kind, add a field, hide a field or a kind."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import ActivityKind
from schooldesk.domain.activities import FieldSpec, KindSpec, kind_from_json, kind_json, next_field_key, validate_field
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_text
from schooldesk.services.access import require_admin


def kind_spec(kind: ActivityKind) -> KindSpec:
    return kind_from_json(kind.code, kind.name, kind.hidden, kind.definition)


def read_kinds(session: Session, *, include_hidden: bool = True) -> dict[int, KindSpec]:
    """Kind id → what it records, in the school's order."""
    return {k.id: kind_spec(k) for k in session.scalars(select(ActivityKind).order_by(ActivityKind.position, ActivityKind.id))
            if include_hidden or not k.hidden}


def list_kinds(db: Database, *, include_hidden: bool = False) -> dict[int, KindSpec]:
    with db.transaction() as session:
        return read_kinds(session, include_hidden=include_hidden)


def load_kind(session: Session, kind_id: int) -> ActivityKind:
    kind = session.get(ActivityKind, kind_id)
    if kind is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The kind of activity no longer exists."))
    return kind


def _save(kind: ActivityKind, spec: KindSpec) -> KindSpec:
    kind.name, kind.hidden, kind.definition = spec.name, spec.hidden, kind_json(spec)
    return kind_spec(kind)


def add_kind(db: Database, name: str, *, pupils: bool = False) -> tuple[int, KindSpec]:
    """A kind of the school's own (e.g. 研学旅行); its fields are added after."""
    require_admin(db)
    name = validate_text(name, "name", 20)
    with db.transaction() as session:
        if not name or session.scalars(select(ActivityKind).where(ActivityKind.name == name)).first():
            raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "Give the kind a name no other kind has."))
        number = (session.scalar(select(func.count()).select_from(ActivityKind)) or 0) + 1
        kind = ActivityKind(code=f"school_{number}", name=name, position=number, hidden=False, definition={})
        spec = _save(kind, KindSpec(code=kind.code, name=name, pupils=pupils))
        session.add(kind)
        session.flush()
        return kind.id, spec


def add_field(db: Database, kind_id: int, field: FieldSpec) -> KindSpec:
    """A new field at the end of the kind's; its key is made here, so no record's old values can clash."""
    require_admin(db)
    with db.transaction() as session:
        kind = load_kind(session, kind_id)
        spec = kind_spec(kind)
        added = validate_field(replace(field, key=next_field_key(spec)), spec.fields)
        return _save(kind, replace(spec, fields=(*spec.fields, added)))


def set_field_hidden(db: Database, kind_id: int, key: str, hidden: bool) -> KindSpec:
    """Hide a field no longer used (records keep their values) or show it again."""
    require_admin(db)
    with db.transaction() as session:
        kind = load_kind(session, kind_id)
        spec = kind_spec(kind)
        if key not in {f.key for f in spec.fields}:
            raise ValidationError("fields", QT_TRANSLATE_NOOP("Errors", "The field no longer exists."))
        return _save(kind, replace(spec, fields=tuple(replace(f, hidden=hidden) if f.key == key else f for f in spec.fields)))


def set_kind_hidden(db: Database, kind_id: int, hidden: bool) -> KindSpec:
    """A hidden kind is offered for no new record; its records stay and keep their kind."""
    require_admin(db)
    with db.transaction() as session:
        kind = load_kind(session, kind_id)
        return _save(kind, replace(kind_spec(kind), hidden=hidden))
