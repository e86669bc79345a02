"""The audit trail, written by the storage layer itself: every flush records who created, changed or
deleted which row, with old and new values per field. Services cannot forget it, and ID numbers,
student numbers and password hashes never enter it in full."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session

from schooldesk.db.models import AuditEntry, AuditHead, Base
from schooldesk.domain.id_number import mask

CREATE, UPDATE, DELETE, EXPORT = "create", "update", "delete", "export"
SYSTEM = "system"  # changes made without a signed-in user (set-up, command line, migrations)
MASKED = {"id_number", "student_number"}
HIDDEN = {"password_hash"}
NOT_AUDITED = {"failed_logins", "locked_until", "name_keys"}  # sign-in bookkeeping, derived search keys
ACTOR_KEY = "actor"
SECRET_SETTINGS = {"recovery_code", "bundle_seal_key"}  # school settings whose value (a hash) stays out of the trail


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


def entry_digest(previous: str, at: datetime, username: str, action: str, table_name: str, record_id: str,
                 label: str, changes: dict[str, Any]) -> str:
    """The chain value of one entry: SHA-256 over the previous entry's value and this entry's content, so an
    edited, removed or inserted entry breaks every value after it."""
    content = json.dumps([previous, at.isoformat(sep=" "), username, action, table_name, record_id, label, changes],
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert *rows* as the next entries of the chain and move the head (inside the caller's transaction,
    which already holds SQLite's write lock, so no other writer can interleave)."""
    connection = session.connection()
    last = connection.execute(select(AuditEntry.id, AuditEntry.chain).order_by(AuditEntry.id.desc()).limit(1)).first()
    last_id, chain = (last[0], last[1]) if last else (0, "")
    for offset, row in enumerate(rows, 1):
        chain = entry_digest(chain, row["at"], row["username"], row["action"], row["table_name"], row["record_id"],
                             row["label"], row["changes"])
        row["id"], row["chain"] = last_id + offset, chain
    connection.execute(insert(AuditEntry), rows)
    head = {"last_id": last_id + len(rows), "chain": chain}
    if connection.execute(update(AuditHead).where(AuditHead.id == 1).values(**head)).rowcount == 0:
        connection.execute(insert(AuditHead).values(id=1, **head))


@dataclass(frozen=True)
class ChainCheck:
    """Whether the trail is whole: *broken_at* is the first entry that does not follow from the one before
    (edited, inserted after, or after a removed one); *missing_after* the last entry left when the newest
    were removed."""

    entries: int
    broken_at: int | None = None
    missing_after: int | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.missing_after is None


def check_chain(session: Session) -> ChainCheck:
    chain, expected_id, count = "", 1, 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        chain = entry_digest(chain, entry.at, entry.username, entry.action, entry.table_name, entry.record_id,
                             entry.label, entry.changes)
        if entry.id != expected_id or entry.chain != chain:
            return ChainCheck(count, broken_at=entry.id)
        expected_id += 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_id, head.chain) != (expected_id - 1, chain):
        return ChainCheck(count, missing_after=expected_id - 1)
    return ChainCheck(count)


DELETED_KEY = "audit_deleted"  # rows deleted in the flush under way, collected as they go


def _entry(obj: Any, action: str, actor: str, now: datetime) -> dict[str, Any] | None:
    if isinstance(obj, (AuditEntry, AuditHead)) or not isinstance(obj, Base):
        return None
    changes = _changes(obj, action)
    if action == UPDATE and (not changes or set(changes) <= NOT_AUDITED):
        return None
    for key in NOT_AUDITED & set(changes):
        del changes[key]
    return {"at": now, "username": actor, "action": action, "table_name": obj.__tablename__,
            "record_id": _record_id(obj), "label": _label(obj), "changes": changes}


def _after_flush(session: Session, _context: Any) -> None:
    actor = session.info.get(ACTOR_KEY) or SYSTEM
    now = datetime.now().replace(microsecond=0)
    rows = [row for action, objects in ((CREATE, session.new), (UPDATE, session.dirty))
            for row in (_entry(obj, action, actor, now) for obj in objects) if row is not None]
    if rows:
        _append(session, rows)


def _deleted(session: Session, obj: Any) -> None:
    """Every row a flush deletes — those deleted by hand and those a relationship drops as orphans (a teacher
    taken off a plan), which the session's own list of deleted objects does not show."""
    session.info.setdefault(DELETED_KEY, []).append(
        _entry(obj, DELETE, session.info.get(ACTOR_KEY) or SYSTEM, datetime.now().replace(microsecond=0)))


def _after_deletes(session: Session, _context: Any) -> None:
    rows = [row for row in session.info.pop(DELETED_KEY, []) if row is not None]
    if rows:
        _append(session, rows)


def record_export(session: Session, what: str, record_id: str, label: str) -> None:
    """An export that carried full ID numbers leaves the app: the trail says who took it and when."""
    _append(session, [{
        "at": datetime.now().replace(microsecond=0), "username": session.info.get(ACTOR_KEY) or SYSTEM,
        "action": EXPORT, "table_name": what, "record_id": record_id, "label": label[:100],
        "changes": {"full_ids": [None, True]}}])


def install(session_factory: Any) -> None:
    """Write the audit trail for every session *session_factory* makes."""
    event.listen(session_factory, "after_flush", _after_flush)
    event.listen(session_factory, "persistent_to_deleted", _deleted)
    event.listen(session_factory, "after_flush_postexec", _after_deletes)
