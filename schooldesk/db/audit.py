"""The audit trail, written by the storage layer itself: every flush records who created, changed or
deleted which row, with old and new values per field. Services cannot forget it, and ID numbers,
student numbers and password hashes never enter it in full."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect, insert
from sqlalchemy.orm import Session

from schooldesk.db.models import AuditEntry, Base
from schooldesk.domain.id_number import mask

CREATE, UPDATE, DELETE, EXPORT = "create", "update", "delete", "export"
SYSTEM = "system"  # changes made without a signed-in user (set-up, command line, migrations)
MASKED = {"id_number", "student_number"}
HIDDEN = {"password_hash"}
NOT_AUDITED = {"failed_logins", "locked_until", "name_keys"}  # sign-in bookkeeping, derived search keys
ACTOR_KEY = "actor"
SECRET_SETTINGS = {"recovery_code"}  # school settings whose value (a hash) stays out of the trail


def _plain(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in HIDDEN:
        return "***"
    if column in MASKED:
        return mask(str(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _label(obj: Any) -> str:
    """A readable name for the row, from what is already loaded (never a lazy load inside a flush)."""
    for attribute in ("name", "username", "key"):
        value = obj.__dict__.get(attribute)
        if isinstance(value, str):
            return value[:100]
    return ""


def _record_id(obj: Any) -> str:
    state = inspect(obj)
    return "/".join(str(state.dict.get(column.key, "")) for column in state.mapper.primary_key)


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    if state.dict.get("key") in SECRET_SETTINGS:
        return {"value": ["***", "***"]}
    if action == UPDATE:  # only the attributes that were set (a re-import sets thousands to the same value)
        columns = [c for c in state.mapper.column_attrs if c.key in state.committed_state]
    else:
        columns = list(state.mapper.column_attrs)
    for column in columns:
        key = column.key
        if action in (CREATE, DELETE):
            value = state.dict.get(key)  # loaded values only: no database round trip inside a flush
            if value not in (None, "", [], {}):
                changes[key] = [None, _plain(key, value)] if action == CREATE else [_plain(key, value), None]
            continue
        history = state.attrs[key].history  # only for updates: it costs time on 3,000-row imports
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _plain(key, old) != _plain(key, new) or (key in HIDDEN and old != new):  # a new password shows as changed
                changes[key] = [_plain(key, old), _plain(key, new)]
    return changes


def _after_flush(session: Session, _context: Any) -> None:
    actor = session.info.get(ACTOR_KEY) or SYSTEM
    now = datetime.now().replace(microsecond=0)
    rows = []
    for action, objects in ((CREATE, session.new), (UPDATE, session.dirty), (DELETE, session.deleted)):
        for obj in objects:
            if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
                continue
            changes = _changes(obj, action)
            if action == UPDATE and (not changes or set(changes) <= NOT_AUDITED):
                continue
            for key in NOT_AUDITED & set(changes):
                del changes[key]
            rows.append({"at": now, "username": actor, "action": action, "table_name": obj.__tablename__,
                         "record_id": _record_id(obj), "label": _label(obj), "changes": changes})
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def record_export(session: Session, what: str, record_id: str, label: str) -> None:
    """An export that carried full ID numbers leaves the app: the trail says who took it and when."""
    session.connection().execute(insert(AuditEntry), [{
        "at": datetime.now().replace(microsecond=0), "username": session.info.get(ACTOR_KEY) or SYSTEM,
        "action": EXPORT, "table_name": what, "record_id": record_id, "label": label[:100],
        "changes": {"full_ids": [None, True]}}])


def install(session_factory: Any) -> None:
    """Write the audit trail for every session *session_factory* makes."""
    event.listen(session_factory, "after_flush", _after_flush)
