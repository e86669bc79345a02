"""Care categories (关爱类别) of the dropout-prevention register, support records and dropout cases.

Category kinds are stored by code; their Chinese names and detail fields are data the UI, the
importer and the exports share. Chosen values are kept in Chinese, as the bureau's forms print them.
"""
from __future__ import annotations

from dataclasses import dataclass

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class DetailField:
    """One detail of a category; *choices* empty means free text. *label* is English for tr()."""

    key: str
    label: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class CareKind:
    code: str
    name_zh: str
    details: tuple[DetailField, ...] = ()


LEFT_BEHIND = "left_behind"
DISABLED = "disabled"
STRUGGLING = "struggling"
HARDSHIP = "hardship"
MIGRANT = "migrant"
RETURNED = "returned"
SINGLE_PARENT = "single_parent"
ORPHAN = "orphan"

DISABILITY_TYPES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
DISABILITY_GRADES = ("一级", "二级", "三级", "四级")
PLACEMENTS = ("随班就读", "送教上门", "特教学校")
GUARDIANSHIP_KINDS = ("无人监护", "父或母无监护能力", "受委托监护人监护能力不足", "监护情况一般", "监护情况较好")
NOTE = DetailField("note", QT_TRANSLATE_NOOP("Care", "Notes"))

CARE_KINDS: tuple[CareKind, ...] = (
    # The fields of the national 农村留守儿童基本情况登记表 beside the 学籍 label (see DESIGN §7).
    CareKind(LEFT_BEHIND, "留守儿童", (
        DetailField("kind", QT_TRANSLATE_NOOP("Care", "Parents away"), ("单亲外出", "双亲外出")),
        DetailField("father_work", QT_TRANSLATE_NOOP("Care", "Where the father works")),
        DetailField("father_phone", QT_TRANSLATE_NOOP("Care", "Father's phone")),
        DetailField("mother_work", QT_TRANSLATE_NOOP("Care", "Where the mother works")),
        DetailField("mother_phone", QT_TRANSLATE_NOOP("Care", "Mother's phone")),
        DetailField("carer_name", QT_TRANSLATE_NOOP("Care", "Who looks after the child (entrusted guardian)")),
        DetailField("carer_relation", QT_TRANSLATE_NOOP("Care", "Carer's relation to the child")),
        DetailField("carer_phone", QT_TRANSLATE_NOOP("Care", "Carer's phone")),
        DetailField("guardianship", QT_TRANSLATE_NOOP("Care", "Kind of guardianship"), GUARDIANSHIP_KINDS),
        DetailField("parents_work", QT_TRANSLATE_NOOP("Care", "Where the parents work")),
        DetailField("calls", QT_TRANSLATE_NOOP("Care", "How often the parents call"),
                    ("每天", "每周", "每月", "很少", "从不")),
    )),
    CareKind(DISABLED, "残疾儿童", (
        DetailField("type", QT_TRANSLATE_NOOP("Care", "Disability type"), DISABILITY_TYPES),
        DetailField("grade", QT_TRANSLATE_NOOP("Care", "Disability grade"), DISABILITY_GRADES),
        DetailField("certificate", QT_TRANSLATE_NOOP("Care", "Disability certificate number")),
        DetailField("placement", QT_TRANSLATE_NOOP("Care", "Placement"), PLACEMENTS),
    )),
    CareKind(STRUGGLING, "学困生", (
        DetailField("subjects", QT_TRANSLATE_NOOP("Care", "Subjects")),
        DetailField("causes", QT_TRANSLATE_NOOP("Care", "Causes")),
    )),
    CareKind(HARDSHIP, "家庭经济困难", (
        DetailField("kind", QT_TRANSLATE_NOOP("Care", "Kind of hardship"), ("低保", "特困", "脱贫监测户", "其他")),
        DetailField("aid", QT_TRANSLATE_NOOP("Care", "Aid received")),
    )),
    CareKind(MIGRANT, "随迁子女", (NOTE,)),
    CareKind(RETURNED, "返乡儿童", (NOTE,)),
    CareKind(SINGLE_PARENT, "单亲家庭", (NOTE,)),
    CareKind(ORPHAN, "孤儿/事实无人抚养", (
        DetailField("kind", QT_TRANSLATE_NOOP("Care", "Situation"), ("孤儿", "事实无人抚养")),
        NOTE,
    )),
)
KIND_BY_CODE = {kind.code: kind for kind in CARE_KINDS}


def care_kind(code: str) -> CareKind:
    return KIND_BY_CODE[code]


def disability_text(details: dict[str, str]) -> str:
    """智力残疾二级: the disability as forms print it, from a 残疾儿童 record's details."""
    kind, grade = details.get("type", ""), details.get("grade", "")
    return f"{kind}残疾{grade}" if kind else grade


def describe_details(code: str, details: dict[str, str]) -> str:
    """One line for lists and the profile: the chosen values in the kind's order (单亲外出，祖父母 …)."""
    return "，".join(details[f.key] for f in care_kind(code).details if details.get(f.key))


UNFILLED = "未填"  # printed in a register cell the bureau expects filled, so a blank is never mistaken for "none"
RESPONSIBLE_TEACHER = "responsible_teacher"  # not a detail: the record's 包保责任人
# What the 留守儿童台账 asks of each child, as its columns name it
LEFT_BEHIND_COLUMNS = {
    "kind": "留守类型", "father_work": "父亲务工地点", "father_phone": "父亲电话", "mother_work": "母亲务工地点",
    "mother_phone": "母亲电话", "carer_name": "委托监护人", "carer_relation": "与儿童关系", "carer_phone": "委托监护人电话",
    RESPONSIBLE_TEACHER: "包保责任人",
}


def left_behind_gaps(details: dict[str, str], teacher: str) -> tuple[str, ...]:
    """The 留守儿童台账 cells of a left-behind child still unknown: the parents away (both for 双亲外出; for
    单亲外出 the one whose work or phone is given, either when neither is), their workplace and phone, the
    entrusted carer and the responsible teacher. The parent at home of a 单亲外出 child has nothing to fill."""
    known = {key: bool(value.strip()) for key, value in details.items()}
    father = known.get("father_work") or known.get("father_phone")
    mother = known.get("mother_work") or known.get("mother_phone")
    away = ("father", "mother") if details.get("kind") != "单亲外出" or not (father or mother) else (
        ("father",) if father else ()) + (("mother",) if mother else ())
    wanted = ["kind", *(f"{parent}_{what}" for parent in away for what in ("work", "phone")),
              "carer_name", "carer_relation", "carer_phone"]
    gaps = [key for key in wanted if not known.get(key)]
    return (*gaps, RESPONSIBLE_TEACHER) if not teacher.strip() else tuple(gaps)


SUPPORT_KINDS = ("谈心", "学业辅导", "家访", "生活帮扶", "心理辅导", "资助", "其他")

# How often a pupil in a category needs a support record: days between records.
SUPPORT_INTERVALS: tuple[tuple[int, str], ...] = ((7, "每周"), (14, "每两周"), (31, "每月"), (62, "每两个月"))
DEFAULT_SUPPORT_INTERVAL = 31

DROPOUT_REASONS = (
    "厌学", "学习困难", "家庭经济困难", "外出打工", "疾病", "残疾", "早婚早育", "家长观念", "监护缺失",
    "校园欺凌/人际关系", "其他",
)
RETURNED_TO_SCHOOL = "返校"
TRANSFERRED = "转学"
DROPOUT_OUTCOMES = (RETURNED_TO_SCHOOL, TRANSFERRED, "送教上门", "其他")
SUSPECTED_DROPOUT, CONFIRMED_DROPOUT = "疑似辍学", "辍学"
DROPOUT_STAGES = (SUSPECTED_DROPOUT, CONFIRMED_DROPOUT)
DEFAULT_SUSPECT_AFTER_DAYS = 3  # absent this many school days without leave: a suspected dropout (a school setting)
VISIT_RESULTS = ("同意返校", "考虑中", "拒绝", "联系不上", "其他")
