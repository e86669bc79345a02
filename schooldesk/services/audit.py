"""Reading the audit trail (administrators only): filter by date, user, kind of record and text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from schooldesk.db.audit import SYSTEM, ChainCheck, check_chain  # noqa: F401 - SYSTEM for the audit window
from schooldesk.db.database import Database
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.db.models import AuditEntry
from schooldesk.services.access import require_admin
from schooldesk.services.audit_text import ACTIONS, TABLES, Names, Translate, describe, setting_label, table_label

MAX_ROWS = 5000

RECORD_KINDS = {k: v for k, v in TABLES.items() if not k.startswith("audit_")}  # the filter's choices


@dataclass(frozen=True)
class AuditFilter:
    since: date | None = None
    until: date | None = None
    username: str = ""
    table_name: str = ""
    text: str = ""  # found in the record's name or in the changed values


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    table_name: str
    record_id: str
    label: str
    changes: dict[str, list[object]]
    changes_text: str = ""  # what changed, in the school's words (see audit_text)

    @property
    def kind_zh(self) -> str:
        return table_label(self.table_name)

    @property
    def action_zh(self) -> str:
        return ACTIONS.get(self.action, "其他")

    @property
    def record_text(self) -> str:
        """The record's name: a setting by what it is (帮扶记录间隔), others as stored (a pupil's name)."""
        return setting_label(self.label) if self.table_name == "school_setting" else self.label


def list_audit(db: Database, wanted: AuditFilter = AuditFilter(), limit: int = MAX_ROWS, *,
               translate: Translate = lambda _context, text: text) -> list[AuditRow]:
    """Newest first, at most *limit* entries, each told in the school's words (*translate* gives the form
    labels of a category's details in the user's language)."""
    require_admin(db)
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if wanted.since:
        query = query.where(AuditEntry.at >= datetime.combine(wanted.since, time()))
    if wanted.until:
        query = query.where(AuditEntry.at < datetime.combine(wanted.until + timedelta(days=1), time()))
    if wanted.username:
        query = query.where(AuditEntry.username == wanted.username)
    if wanted.table_name:
        query = query.where(AuditEntry.table_name == wanted.table_name)
    with db.transaction() as session:
        entries = list(session.scalars(query))
        names = Names.read(session)
        rows = [AuditRow(e.id, e.at, e.username, e.action, e.table_name, e.record_id, e.label, dict(e.changes),
                         describe(e.table_name, e.action, e.changes, names, translate, e.record_id))
                for e in entries]
    needle = wanted.text.strip()
    return [r for r in rows if needle in r.record_text or needle in r.changes_text] if needle else rows


def audit_usernames(db: Database) -> list[str]:
    require_admin(db)
    with db.transaction() as session:
        return sorted(session.scalars(select(AuditEntry.username).distinct()))


def chain_status(check: ChainCheck) -> SchoolDeskError:
    """Whether the audit trail is whole, as a message for the audit window and `schooldesk check`."""
    if check.missing_after is not None:
        return SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "Audit trail BROKEN: the entries after no. %1 were removed."),
                               check.missing_after)
    if check.broken_at is not None:
        return SchoolDeskError(QT_TRANSLATE_NOOP(
            "Errors", "Audit trail BROKEN at entry no. %1: it was changed, inserted, or an entry before it removed."),
            check.broken_at)
    return SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "Audit trail intact (%1 entries)."), check.entries)


def audit_chain(db: Database) -> ChainCheck:
    require_admin(db)
    with db.transaction() as session:
        return check_chain(session)
