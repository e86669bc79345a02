"""Reading the audit trail (administrators only): filter by date, user, kind of record and text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import AuditEntry
from schooldesk.services.access import require_admin

MAX_ROWS = 5000

# What each table holds, in the school's words (shown and exported in Chinese).
RECORD_KINDS = {
    "school": "学校信息", "semester": "学期", "teacher": "教师", "school_class": "班级", "app_user": "用户",
    "pupil": "学生", "guardian": "家庭成员", "enrolment": "班级分配", "care_record": "关爱类别",
    "support_record": "帮扶记录", "dropout_case": "辍学案例", "return_visit": "劝返记录", "school_setting": "设置",
    "photo": "照片", "home_teaching_plan": "送教上门计划", "home_teaching_plan_teacher": "送教计划教师",
    "home_teaching_visit": "送教上门记录", "home_teaching_visit_teacher": "送教教师",
    "home_teaching_visit_photo": "送教照片",
}
ACTIONS = {"create": "新建", "update": "修改", "delete": "删除"}


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

    @property
    def kind_zh(self) -> str:
        return RECORD_KINDS.get(self.table_name, self.table_name)

    @property
    def action_zh(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def changes_text(self) -> str:
        """name: 旧 → 新; … (what a reader of the trail wants in one cell)."""
        def show(value: object) -> str:
            return "" if value is None else str(value)
        return "；".join(f"{field}: {show(old)} → {show(new)}" for field, (old, new) in self.changes.items())


def list_audit(db: Database, wanted: AuditFilter = AuditFilter(), limit: int = MAX_ROWS) -> list[AuditRow]:
    """Newest first, at most *limit* entries."""
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
        rows = [AuditRow(e.id, e.at, e.username, e.action, e.table_name, e.record_id, e.label, dict(e.changes))
                for e in session.scalars(query)]
    needle = wanted.text.strip()
    return [r for r in rows if needle in r.label or needle in r.changes_text] if needle else rows


def audit_usernames(db: Database) -> list[str]:
    require_admin(db)
    with db.transaction() as session:
        return sorted(session.scalars(select(AuditEntry.username).distinct()))
