"""What the printed 师徒结对 documents and the workbook show: the agreement (from the school's template), a
pair's semester record, the assessment form, and the year's pairs with their counts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.mentorship import TargetProgress, targets_on
from schooldesk.domain.semester import SemesterKey, school_year_label_zh
from schooldesk.services.access import require_admin
from schooldesk.services.mentorship import PairActivity, PairRow, get_pair, pair_activities
from schooldesk.services.mentorship_assessment import Assessment, get_assessment
from schooldesk.services.mentorship_targets import PairProgress, pair_progress, target_versions, year_progress
from schooldesk.services.school import get_school
from schooldesk.services.school_rules import write_setting

TEMPLATE_KEY = "mentorship_agreement"
PLACEHOLDERS = ("学校", "学年", "师傅", "徒弟", "学科", "结对形式", "协议日期", "职责", "带教计划")
DEFAULT_TEMPLATE = """为促进青年教师专业成长，经{学校}研究，{学年}由{师傅}老师（师傅）与{徒弟}老师（徒弟）结为师徒，任教学科：{学科}，结对形式：{结对形式}。双方自愿签订本协议。

一、师傅职责
1. 帮助徒弟制订个人成长计划，指导备课、上课、作业批改和教学反思。
2. 经常听徒弟的课，课后及时评课，提出改进意见；审阅徒弟教案。
3. 指导徒弟上好公开课、汇报课，撰写教学论文。

二、徒弟职责
1. 虚心学习，主动听师傅的课，认真做好听课记录，写好反思。
2. 按要求上交教案，请师傅审阅，认真落实师傅的指导意见。
3. 积极上公开课、汇报课，参加教研活动。

三、考核要求
{职责}

四、带教计划
{带教计划}

五、本协议期限为{学年}。任何一方严重违约的，经学校同意可解除结对关系。本协议一式三份，师傅、徒弟、学校各执一份。"""
_FIELD = re.compile(r"\{([^{}]*)\}")


def _school_name(db: Database) -> str:
    school = get_school(db)
    return school.name if school else ""


def agreement_template(db: Database) -> str:
    with db.transaction() as session:
        setting = session.get(SchoolSetting, TEMPLATE_KEY)
        return str(setting.value.get("text")) if setting and setting.value.get("text") else DEFAULT_TEMPLATE


def set_agreement_template(db: Database, text: str) -> str:
    """The school's wording; placeholders in braces are filled for each pair (an unknown one is refused)."""
    require_admin(db)
    unknown = [name for name in _FIELD.findall(text) if name not in PLACEHOLDERS]
    if unknown:
        raise ValidationError("template", QT_TRANSLATE_NOOP("Errors", "{%1} is not a placeholder; use %2."), unknown[0],
                              "、".join(f"{{{p}}}" for p in PLACEHOLDERS))
    if not text.strip():
        raise ValidationError("template", QT_TRANSLATE_NOOP("Errors", "The agreement needs some text."))
    with db.transaction() as session:
        write_setting(session, TEMPLATE_KEY, {"text": text.strip() if text.strip() != DEFAULT_TEMPLATE else ""})
    return text


@dataclass(frozen=True, kw_only=True)
class AgreementDocument:
    school_name: str
    pair: PairRow
    text: str

    @property
    def file_name(self) -> str:
        return document_name("师徒结对协议书", self.pair.names, school_year_label_zh(self.pair.school_year), suffix=".pdf")


def _plan_text(pair: PairRow) -> str:
    parts = [("带教目标", pair.goals), ("带教内容", pair.content), ("主要措施", pair.measures)]
    return "\n".join(f"{label}：{text}" for label, text in parts if text) or "（见附页）"


def agreement_document(db: Database, pair_id: int) -> AgreementDocument:
    pair = get_pair(db, pair_id)
    targets = targets_on(pair.agreement_date, target_versions(db))
    values = {"学校": _school_name(db) or "学校", "学年": school_year_label_zh(pair.school_year), "师傅": pair.mentor.name,
              "徒弟": pair.apprentice.name, "学科": pair.subject, "结对形式": pair.pairing_type,
              "协议日期": f"{pair.agreement_date.year}年{pair.agreement_date.month}月{pair.agreement_date.day}日",
              "职责": "\n".join(f"{n}. {t.label_zh}" for n, t in enumerate(targets, 1)), "带教计划": _plan_text(pair)}
    text = _FIELD.sub(lambda m: values.get(m[1], m[0]), agreement_template(db))
    return AgreementDocument(school_name=values["学校"], pair=pair, text=text)


@dataclass(frozen=True, kw_only=True)
class PairRecordDocument:
    """A pair's semester: targets against what was done, every record and linked observation in date order."""

    school_name: str
    semester: SemesterKey
    pair: PairRow
    targets: tuple[TargetProgress, ...]
    activities: tuple[PairActivity, ...]

    @property
    def file_name(self) -> str:
        return document_name("师徒结对记录", self.pair.names, self.semester.label_zh, suffix=".pdf")


def pair_record_document(db: Database, pair_id: int, semester: SemesterKey, today: date) -> PairRecordDocument:
    from schooldesk.services.semesters import list_semesters

    found = pair_progress(db, pair_id, semester, today)
    term = next((s for s in list_semesters(db) if s.key == semester), None)
    window = (term.start, term.end) if term else None
    return PairRecordDocument(school_name=_school_name(db), semester=semester, pair=found.pair, targets=found.targets,
                              activities=tuple(pair_activities(db, pair_id, window)))


@dataclass(frozen=True, kw_only=True)
class AssessmentDocument:
    school_name: str
    pair: PairRow
    assessment: Assessment

    @property
    def file_name(self) -> str:
        return document_name("师徒结对考核表", self.pair.names, school_year_label_zh(self.pair.school_year), suffix=".pdf")


def assessment_document(db: Database, pair_id: int, today: date) -> AssessmentDocument:
    return AssessmentDocument(school_name=_school_name(db), pair=get_pair(db, pair_id),
                              assessment=get_assessment(db, pair_id, today))


@dataclass(frozen=True, kw_only=True)
class MentorshipBook:
    school_name: str
    school_year: int
    semester: SemesterKey
    pairs: tuple[PairProgress, ...]

    @property
    def file_name(self) -> str:
        return document_name(self.school_name, "师徒结对", self.semester.label_zh, suffix=".xlsx")


def mentorship_book(db: Database, school_year: int, semester: SemesterKey, today: date) -> MentorshipBook:
    rows = sorted(year_progress(db, school_year, semester, today), key=lambda r: r.pair.id)
    return MentorshipBook(school_name=_school_name(db), school_year=school_year, semester=semester, pairs=tuple(rows))
