"""Reading the audit trail (administrators only): filter by date, user, kind of record and text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from schooldesk.db.audit import ChainCheck, check_chain
from schooldesk.db.database import Database
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
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
    "home_teaching_visit_photo": "送教照片", "photo_link": "佐证照片", "register": "台账导出", "monthly_report": "月报导出",
    "pupil_file": "学生档案打印",
}
ACTIONS = {"create": "新建", "update": "修改", "delete": "删除", "export": "导出"}
FIELD_NAMES = {  # column names as the forms call them; others are shown as they are
    "name": "名称", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族", "id_type": "证件类型",
    "id_number": "身份证件号", "student_number": "学籍号", "status": "状态", "status_date": "状态日期",
    "household_registration": "户籍", "address": "地址", "boarding": "就读方式", "distance_km": "上学距离",
    "way_to_school": "上学方式", "relation": "关系", "phone": "电话", "workplace": "工作单位", "kind": "类别",
    "start_date": "开始日期", "end_date": "结束日期", "responsible_teacher_id": "责任教师", "details": "详情",
    "date": "日期", "teacher_id": "教师", "content": "内容", "outcome": "效果", "reason": "原因",
    "started_on": "开始日期", "closed_on": "结案日期", "visitors": "走访人员", "result": "结果",
    "start_time": "开始时间", "end_time": "结束时间", "content_kinds": "内容类别", "performance": "学生表现",
    "guardian_feedback": "家长反馈", "next_steps": "下一步计划", "goals": "目标", "goal_notes": "个别化教育计划",
    "schedule": "安排", "username": "用户名", "role": "角色", "active": "在用", "password_hash": "密码",
    "value": "设置值", "principal": "校长", "code": "代码", "school_year": "学年", "term": "学期",
    "class_id": "班级", "grade": "年级", "number": "班号", "head_teacher_id": "班主任",
    "full_ids": "完整身份证号", "stage": "阶段", "caption": "照片说明", "record_kind": "所属记录",
}


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
        return "；".join(f"{FIELD_NAMES.get(field, field)}: {show(old)} → {show(new)}"
                        for field, (old, new) in self.changes.items())


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
