"""What an audit entry says, in the school's words: every table and column has a Chinese label, a link row
reads as what happened (添加照片 IMG_0003.jpg, 送教教师：李海燕), codes show as their Chinese names and a
details dict as 安置方式：送教上门 — never a column name, a code or a brace.

The rendering needs names the entry only refers to by number (a teacher, a photo, a class); ``Names`` looks
them up in one go for a whole page of entries.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from schooldesk.db.models import (
    ActivityKind, CareRecord, DropoutCase, HomeTeachingPlan, MentorshipPair, Photo, PhotoLink, Pupil, SchoolClass, Teacher,
)
from schooldesk.domain.access import ROLE_NAMES_ZH
from schooldesk.domain.care import KIND_BY_CODE, NOTE, SUPPORT_INTERVALS
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.home_teaching import RULE_UNITS
from schooldesk.domain.moving_up import SCHOOL_TYPES
from schooldesk.domain.semester import SemesterKey

Translate = Callable[[str, str], str]  # (context, English source) → the user's language

TABLES = {
    "school": "学校信息", "semester": "学期", "teacher": "教师", "school_class": "班级", "app_user": "用户",
    "pupil": "学生", "guardian": "家庭成员", "enrolment": "班级分配", "care_record": "关爱类别",
    "support_record": "帮扶记录", "dropout_case": "辍学案例", "return_visit": "劝返记录", "school_setting": "设置",
    "photo": "照片", "home_teaching_plan": "送教上门计划", "home_teaching_plan_teacher": "送教计划教师",
    "home_teaching_visit": "送教上门记录", "home_teaching_visit_teacher": "送教教师", "photo_link": "佐证照片",
    "register": "台账导出", "monthly_report": "月报导出", "pupil_file": "学生档案打印",
    "audit_entry": "操作日志", "audit_head": "操作日志校验", "teacher_duty": "教师职务", "rubric": "听课评价表",
    "rubric_version": "听课评价表版本", "observation": "听课记录", "observation_score": "听课评分",
    "observation_check": "二看三查阅", "mentorship_pair": "师徒结对", "guidance_record": "师徒指导记录",
    "mentorship_assessment": "师徒结对考核", "activity_kind": "活动类别", "activity": "活动记录",
    "activity_teacher": "活动参加教师", "activity_pupil": "活动参加学生",
    "pupil_status": "学籍状态变动", "catchment_child": "适龄儿童摸底", "catchment_finding": "适龄儿童去向核实",
    "teacher_training": "教师培训", "teacher_ethics": "师德记录", "teacher_honour": "教师荣誉与竞赛",
    "teacher_exchange": "交流支教", "school_visit": "视导督导", "visit_action": "整改事项",
}
ACTIONS = {"create": "新建", "update": "修改", "delete": "删除", "export": "导出"}
COLUMNS = {  # column names as the forms call them
    "id": "编号", "name": "名称", "gender": "性别", "birth_date": "出生日期", "ethnicity": "民族", "id_type": "证件类型",
    "id_number": "身份证件号", "student_number": "学籍号", "status": "学籍状态", "status_date": "状态日期",
    "from_date": "起始日期", "household_registration": "户口所在地", "address": "现住址", "boarding": "就读方式",
    "distance_km": "上学距离（公里）",
    "way_to_school": "上学方式", "relation": "关系", "phone": "联系电话", "workplace": "工作单位", "kind": "类别",
    "start_date": "开始日期", "end_date": "结束日期", "responsible_teacher_id": "责任教师", "details": "详情",
    "date": "日期", "teacher_id": "教师", "content": "内容", "outcome": "效果", "reason": "原因",
    "reason_note": "原因说明", "outcome_note": "结案说明", "started_on": "开始日期", "closed_on": "结案日期",
    "visitors": "走访人员", "met_with": "见到的人", "conversation": "谈话内容", "result": "结果",
    "start_time": "开始时间", "end_time": "结束时间", "content_kinds": "内容类别", "performance": "学生表现",
    "guardian_feedback": "家长反馈", "next_steps": "下一步计划", "goals": "送教目标", "goal_notes": "个别化教育计划",
    "schedule": "送教安排", "username": "用户名", "role": "角色", "active": "在用", "password_hash": "密码",
    "value": "设置值", "key": "设置项", "principal": "校长", "code": "学校标识码", "county": "县（区）",
    "township": "乡镇", "school_year": "学年", "term": "学期", "class_id": "班级", "grade": "年级", "number": "班号",
    "head_teacher_id": "班主任", "full_ids": "完整身份证号", "stage": "阶段", "caption": "照片说明",
    "record_kind": "所属记录", "record_id": "所属记录编号", "photo_id": "照片", "pupil_id": "学生", "plan_id": "送教计划",
    "visit_id": "送教记录", "case_id": "辍学案例", "subjects": "任教学科", "title": "职称", "created_at": "创建时间",
    "failed_logins": "登录失败次数", "locked_until": "锁定至", "sha256": "校验值", "file_name": "文件名",
    "original_name": "原文件名", "width": "宽度", "height": "高度", "size": "大小", "added_at": "添加时间",
    "slot": "成员序号", "position": "顺序", "name_keys": "拼音检索", "at": "时间", "action": "操作",
    "table_name": "记录类别", "label": "记录", "changes": "修改内容", "chain": "校验链", "last_id": "最后编号",
    "duty": "职务", "definition": "评价项目与等级", "observer_id": "听课人", "taught_teacher_id": "执教者",
    "subject": "学科", "topic": "课题", "lesson_type": "课型", "period": "节次", "process_record": "教学过程记录",
    "rubric_version_id": "评价表", "highlights": "亮点", "suggestions": "建议", "observation_id": "听课记录",
    "item": "项目", "rating": "评价", "comment": "说明", "rubric_id": "评价表", "mentor_id": "师傅",
    "apprentice_id": "徒弟", "pairing_type": "结对形式", "measures": "主要措施", "agreement_date": "协议日期",
    "status_reason": "结束原因", "carried_from_id": "上学年结对", "pair_id": "师徒结对", "advice": "指导意见",
    "reflection": "徒弟反思", "scores": "得分", "comments": "考核意见", "kind_id": "活动类别", "place": "地点",
    "organiser_id": "组织者", "outside_people": "校外参加人员", "values": "活动详情", "activity_id": "活动记录",
    "hidden": "停用", "village": "村（组）", "householder": "户主姓名", "id_valid": "身份证号校验通过",
    "disability": "残疾类别", "note": "备注", "match": "与学籍匹配方式", "listed_on": "名单日期", "child_id": "适龄儿童",
    "destination": "去向", "way": "核实方式", "verifier": "核实人", "verified_on": "核实日期",
    "dropout_case_id": "劝返案例", "outside": "校外人员", "organisation": "单位", "programme": "培训项目",
    "level": "级别", "hours": "学时", "organiser": "组织单位", "certificate": "证书编号", "handling": "处理情况",
    "award": "等次", "issuer": "颁发单位", "checked": "检查内容", "feedback": "反馈意见", "due_date": "整改期限",
    "closing": "整改情况",
}
PER_TABLE = {  # where one column means something else in one table
    ("pupil", "name"): "姓名", ("teacher", "name"): "姓名", ("guardian", "name"): "姓名",
    ("school", "name"): "学校名称", ("school_class", "name"): "班级名称", ("school", "address"): "地址",
    ("school", "phone"): "电话", ("support_record", "kind"): "帮扶方式", ("care_record", "kind"): "关爱类别",
    ("observation", "kind"): "听课类型", ("observation_score", "value"): "得分", ("observation_score", "position"): "评价项目",
    ("rubric", "name"): "评价表名称", ("rubric_version", "number"): "版本",
    ("mentorship_pair", "goals"): "带教目标", ("mentorship_pair", "content"): "带教内容",
    ("mentorship_pair", "status"): "结对状态", ("guidance_record", "kind"): "指导类别",
    ("mentorship_assessment", "date"): "考核日期", ("activity", "title"): "活动名称", ("activity", "content"): "活动内容",
    ("activity", "outcome"): "效果与反思", ("activity_kind", "code"): "类别代码", ("activity_kind", "name"): "类别名称",
    ("activity_kind", "definition"): "类别字段", ("catchment_child", "name"): "姓名",
    ("catchment_child", "relation"): "与户主关系", ("catchment_finding", "school"): "就读学校",
    ("teacher_ethics", "grade"): "考核等次", ("teacher_honour", "title"): "荣誉称号或竞赛",
    ("school_visit", "visitors"): "来访人员", ("visit_action", "visit_id"): "视导督导", ("visit_action", "item"): "整改事项",
    ("visit_action", "closed_on"): "整改完成日期", ("teacher_exchange", "place"): "交流地点",
}
CATCHMENT_MATCHES = {"id": "身份证号", "name_birth": "姓名+出生日期（待确认）", "confirmed": "已确认"}
QUIET_COLUMNS = {("activity_kind", "code")}  # the program's own name for a kind made in Settings (school_11)
QUIET = {"id", "position", "slot", "sha256", "file_name", "width", "height", "size", "name_keys", "chain"}
SETTINGS = {
    "support_interval_days": "帮扶记录间隔（天）", "suspected_dropout": "疑似辍学判定", "home_teaching_rules": "送教上门要求",
    "school_type": "学校类型", "pdf_font": "PDF字体", "recovery_code": "管理员恢复码",
    "observation_quotas": "听课节数要求", "observation_rubric": "默认听课评价表", "observation_print": "听课记录打印",
    "mentorship_targets": "师徒结对目标", "mentorship_agreement": "师徒结对协议书文字",
    "mentorship_assessment_form": "师徒结对考核表", "visit_targets": "家访要求",
    "catchment_destinations": "适龄儿童去向类别", "frequency_targets": "活动频次要求", "due_dates": "报送日程",
    "hand_ins": "报送记录",
}
SETTING_PARTS = {"absent_days": "连续缺课天数", "path": "字体文件", "versions": "各版本", "hash": "校验值",
                 "taught_signature": "被听课教师确认签名", "id": "评价表编号", "text": "文字",
                 "per_child": "每名留守儿童家访次数", "per_teacher": "每位教师家访次数", "effective_from": "生效日期"}
BOOLEANS = {True: "是", False: "否"}
_MOMENT = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\.\d+$")


@dataclass
class Names:
    """Names of what entries refer to by number, read once for a page of entries."""

    teachers: dict[int, str] = field(default_factory=dict)
    pupils: dict[int, str] = field(default_factory=dict)
    classes: dict[int, str] = field(default_factory=dict)
    photos: dict[int, str] = field(default_factory=dict)
    plans: dict[int, str] = field(default_factory=dict)  # plan → the child's name
    cases: dict[int, str] = field(default_factory=dict)  # case → the pupil's name
    care_kinds: dict[int, str] = field(default_factory=dict)  # care record → its category's code
    link_photos: dict[int, str] = field(default_factory=dict)  # photo link → the photo's file name
    pairs: dict[int, str] = field(default_factory=dict)  # mentoring pair → 师傅—徒弟
    activity_kinds: dict[int, str] = field(default_factory=dict)
    activity_fields: dict[int, dict[str, str]] = field(default_factory=dict)  # kind → field key → label
    kind_codes: dict[str, str] = field(default_factory=dict)  # an activity kind's code → its name

    @classmethod
    def read(cls, session: Session) -> Names:
        names = cls()
        names.teachers = dict(session.execute(select(Teacher.id, Teacher.name)).all())
        names.pupils = dict(session.execute(select(Pupil.id, Pupil.name)).all())
        names.classes = dict(session.execute(select(SchoolClass.id, SchoolClass.name)).all())
        names.photos = dict(session.execute(select(Photo.id, Photo.original_name)).all())
        names.plans = dict(session.execute(select(HomeTeachingPlan.id, Pupil.name).join(
            Pupil, Pupil.id == HomeTeachingPlan.pupil_id)).all())
        names.cases = dict(session.execute(select(DropoutCase.id, Pupil.name).join(
            Pupil, Pupil.id == DropoutCase.pupil_id)).all())
        names.care_kinds = dict(session.execute(select(CareRecord.id, CareRecord.kind)).all())
        names.link_photos = dict(session.execute(select(PhotoLink.id, Photo.original_name).join(
            Photo, Photo.id == PhotoLink.photo_id)).all())
        for kind_id, code, name, definition in session.execute(
                select(ActivityKind.id, ActivityKind.code, ActivityKind.name, ActivityKind.definition)):
            names.activity_kinds[kind_id] = name
            names.kind_codes[code] = name
            names.activity_fields[kind_id] = {f["key"]: f["label"] for f in (definition or {}).get("fields", [])}
        mentor, apprentice = aliased(Teacher), aliased(Teacher)
        names.pairs = {pair_id: f"{m}—{a}" for pair_id, m, a in session.execute(
            select(MentorshipPair.id, mentor.name, apprentice.name).join(mentor, mentor.id == MentorshipPair.mentor_id)
            .join(apprentice, apprentice.id == MentorshipPair.apprentice_id)).all()}
        return names


def table_label(table: str) -> str:
    return TABLES.get(table, "其他记录")


def column_label(table: str, column: str) -> str:
    return PER_TABLE.get((table, column)) or COLUMNS.get(column) or "其他"


def describe(table: str, action: str, changes: Mapping[str, list[Any]], names: Names,
             translate: Translate = lambda _c, text: text, record_id: str = "") -> str:
    """One entry's changes as a sentence: 关系：→ 母亲；联系电话：138****1111 → 139****2222."""
    link = _link(table, action, changes, names)
    if link is not None:
        return link
    number = int(record_id) if record_id.isdigit() else None
    parts = []
    if table == "photo_link" and number in names.link_photos:
        parts.append(f"照片 {names.link_photos[number]}")
    if table == "care_record" and "kind" not in changes and number in names.care_kinds:
        changes = {"kind": [names.care_kinds[number]] * 2, **changes}  # the details' labels depend on it
    for column, (old, new) in changes.items():
        if column in QUIET or (table, column) in QUIET_COLUMNS or (column == "kind" and changes[column][0] == changes[column][1] and action == "update"):
            continue
        label = column_label(table, column)
        shown_old, shown_new = (_value(table, column, v, changes, names, translate) for v in (old, new))
        if action == "create":
            parts.append(f"{label}：{shown_new}")
        elif action == "delete":
            parts.append(f"{label}：{shown_old}")
        else:
            parts.append(f"{label}：{shown_old or '（空）'} → {shown_new or '（空）'}")
    return "；".join(parts)


def _link(table: str, action: str, changes: Mapping[str, list[Any]], names: Names) -> str | None:
    """Rows that only tie two records together read as what happened."""
    def now(column: str) -> Any:
        old, new = changes.get(column, [None, None])
        return old if action == "delete" else new

    removed = action == "delete"
    if table in ("home_teaching_plan_teacher", "home_teaching_visit_teacher"):
        teacher = names.teachers.get(now("teacher_id"), f"编号{now('teacher_id')}")
        return f"{'移除' if removed else ''}送教教师：{teacher}"
    if table == "activity_teacher":
        teacher = names.teachers.get(now("teacher_id"), f"编号{now('teacher_id')}")
        return f"{'移除' if removed else ''}参加教师：{teacher}"
    if table == "activity_pupil":
        pupil = names.pupils.get(now("pupil_id"), f"编号{now('pupil_id')}")
        return f"{'移除' if removed else ''}参加学生：{pupil}"
    if table == "photo_link" and action != "update":
        photo = names.photos.get(now("photo_id"), f"编号{now('photo_id')}")
        return f"{'移除' if removed else '添加'}照片 {photo}" + (f"（{now('caption')}）" if now("caption") else "")
    if table == "enrolment" and action != "update":
        school_class = names.classes.get(now("class_id"), f"编号{now('class_id')}")
        year = now("school_year")
        return f"{'移出' if removed else '编入'}{school_class}（{year}—{int(year) + 1}学年）" if year else school_class
    return None


def _value(table: str, column: str, value: Any, changes: Mapping[str, list[Any]], names: Names,
           translate: Translate) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return BOOLEANS[value]
    references = {"teacher_id": names.teachers, "responsible_teacher_id": names.teachers,
                  "head_teacher_id": names.teachers, "pupil_id": names.pupils, "class_id": names.classes,
                  "photo_id": names.photos, "plan_id": names.plans, "case_id": names.cases,
                  "observer_id": names.teachers, "taught_teacher_id": names.teachers, "mentor_id": names.teachers,
                  "apprentice_id": names.teachers, "pair_id": names.pairs, "carried_from_id": names.pairs,
                  "organiser_id": names.teachers, "kind_id": names.activity_kinds, "dropout_case_id": names.cases,
                  "child_id": {}}
    if column in references:
        return references[column].get(value, f"编号{value}")
    if column == "kind" and table == "care_record" and value in KIND_BY_CODE:
        return KIND_BY_CODE[value].name_zh
    if column == "key" and table == "school_setting":
        return setting_label(value)
    if column == "role":
        return ROLE_NAMES_ZH.get(value, "其他角色")
    if column == "match" and table == "catchment_child":
        return CATCHMENT_MATCHES.get(value, "其他")
    if column == "details" and isinstance(value, dict):
        kind = changes.get("kind", [None, None])
        code = kind[1] or kind[0]
        return _details(value, code, translate)
    if column == "value" and isinstance(value, dict):
        return _setting(value, names)
    if column == "definition" and isinstance(value, dict) and table == "activity_kind":
        return "、".join(f.get("label", "") + ("（停用）" if f.get("hidden") else "") for f in value.get("fields", [])) or "无"
    if column == "definition" and isinstance(value, dict):
        return _rubric(value)
    if column == "values" and isinstance(value, dict):  # an activity's own fields, by their labels
        kind = changes.get("kind_id", [None, None])
        labels = names.activity_fields.get(kind[1] or kind[0], {})
        return "；".join(f"{labels[k]}：{v}" if k in labels else str(v) for k, v in value.items() if v)
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return _pairs(value.items())
    return _plain(value)


def _details(details: Mapping[str, Any], code: str | None, translate: Translate) -> str:
    """A care category's details by the form's own labels: 安置方式：送教上门；残疾类别：智力."""
    fields = {f.key: f for f in (KIND_BY_CODE[code].details if code in KIND_BY_CODE else ())}
    fields.setdefault(NOTE.key, NOTE)
    parts = []
    for key, value in details.items():
        detail = fields.get(key)
        label = translate("Care", detail.label) if detail else COLUMNS.get(key, "其他")
        parts.append(f"{label}：{_plain(value)}")
    return "；".join(parts)


def _setting(value: Mapping[str, Any], names: Names) -> str:
    """A school setting's value: 留守儿童：30天; 每月不少于2次…（自2025年11月起）; 学校类型：小学."""
    if "versions" in value:
        return "；".join(_version(v, names) for v in value["versions"])
    if "items" in value:
        return _rubric(value)
    if "code" in value:
        return SCHOOL_TYPES.get(value["code"], "其他")
    parts = []
    for key, item in value.items():
        if key.startswith(("monthly:", "bundle:", "summary:")):
            parts.append(f"{_hand_in(key)}：{_plain(item)}报送")
        elif key in KIND_BY_CODE:  # a support interval: 留守儿童：每两周
            parts.append(f"{KIND_BY_CODE[key].name_zh}：{dict(SUPPORT_INTERVALS).get(item, f'{item}天')}")
        else:
            parts.append(f"{SETTING_PARTS.get(key, COLUMNS.get(key, '其他'))}：{_plain(item)}")
    return "；".join(parts)


def _rule_version(version: Mapping[str, Any]) -> str:
    since = "{}".format(version.get("effective_from", ""))[:7]
    return (f"{RULE_UNITS.get(version.get('per'), '')}不少于{version.get('min_visits')}次，每次不少于"
            f"{version.get('periods_per_visit')}课时（每课时{version.get('minutes_per_period')}分钟），自{since}起")


def _version(version: Mapping[str, Any], names: Names) -> str:
    if "quotas" in version:
        return _quota_version(version)
    if "monthly_report_day" in version:
        return _due_dates_version(version)
    if "targets" in version:
        targets = version["targets"]
        return (_frequency_version(version, names) if targets and "kind_code" in targets[0]
                else _target_version(version))
    return _rule_version(version)


def _frequency_version(version: Mapping[str, Any], names: Names) -> str:
    """每学年至少2次质量分析会、语文教研组、数学教研组各每月至少1次教研活动（自2026-09-01起）."""
    from schooldesk.domain.frequency import FrequencyTarget

    texts = []
    for t in version.get("targets", ()):
        target = FrequencyTarget(kind_code=str(t.get("kind_code")), times=int(t.get("times", 0)),
                                 per=str(t.get("per")), week_of=str(t.get("week_of", "")),
                                 groups=tuple(t.get("groups", ())))
        try:
            texts.append(target.describe(names.kind_codes.get(target.kind_code, "活动")))
        except (KeyError, ValueError):  # a shape this version does not know: its figures, plainly
            texts.append(f"{target.times}次")
    return f"{'、'.join(texts) or '无'}（自{version.get('effective_from', '')}起）"


def _hand_in(key: str) -> str:
    """monthly:2026-10 → 2026年10月月报; bundle:2026-1 → 2026—2027学年第一学期报送材料; summary:dropout:… → …工作总结."""
    kind, _, rest = key.partition(":")
    if kind == "monthly":
        year, _, month = rest.partition("-")
        return f"{year}年{month}月月报"
    family, _, code = rest.rpartition(":") if kind == "summary" else ("", "", rest)
    try:
        term = SemesterKey.parse(code).label_zh
    except ValidationError:
        term = code
    from schooldesk.services.due_dates import SUMMARY_FAMILIES

    return f"{term}{SUMMARY_FAMILIES.get(family, '')}工作总结" if kind == "summary" else f"{term}报送材料"


def _due_dates_version(version: Mapping[str, Any]) -> str:
    """月报每月5日前、报送材料学期结束前7天、工作总结学期结束前7天、摸底09-30、03-31（自2026-09-01起）."""
    rounds = "、".join(version.get("survey_rounds", ())) or "无"
    return (f"月报次月{version.get('monthly_report_day')}日前、报送材料学期结束前{version.get('bundle_days_before_end')}天、"
            f"工作总结学期结束前{version.get('summary_days_before_end')}天、适龄儿童摸底{rounds}"
            f"（自{version.get('effective_from', '')}起）")


def _quota_version(version: Mapping[str, Any]) -> str:
    """校长14节、教师12节（自2026-01-01起）."""
    quotas = "、".join(f"{duty}{count}节" for duty, count in version.get("quotas", {}).items())
    return f"每学期听课：{quotas}（自{version.get('effective_from', '')}起）"


def _target_version(version: Mapping[str, Any]) -> str:
    """徒弟听师傅课：每学期不少于8次、…（自2025-09-01起）."""
    from schooldesk.domain.mentorship import PERIODS

    targets = "、".join(f"{t.get('name')}：{PERIODS.get(t.get('per'), '')}不少于{t.get('minimum')}次"
                        for t in version.get("targets", ()))
    return f"{targets}（自{version.get('effective_from', '')}起）"


def _rubric(definition: Mapping[str, Any]) -> str:
    """A rubric version as its form reads: 教学目标10分、教学内容15分…；等级：优 90，良 80，合格 60，不合格."""
    from schooldesk.domain.rubrics import MODES, rubric_from_json

    rubric = rubric_from_json("", definition)
    items = "、".join(f"{i.name}{i.weight:g}分" for i in rubric.items)
    return f"{MODES.get(rubric.mode, '')}：{items}；等级：{rubric.bands.text}"


def _pairs(items: Iterable[tuple[str, Any]]) -> str:
    return "；".join(f"{COLUMNS.get(k, SETTING_PARTS.get(k, '其他'))}：{_plain(v)}" for k, v in items)


def _plain(value: Any) -> str:
    if isinstance(value, str) and _MOMENT.match(value):
        return value[:19]  # 2026-11-25 01:43:50, not its microseconds
    if isinstance(value, bool):
        return BOOLEANS[value]
    if isinstance(value, dict):
        return _pairs(value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value)
    return str(value)


def setting_label(key: str) -> str:
    return SETTINGS.get(key, "其他设置")
