"""适龄儿童摸底: every child of the school's villages, where each one is (去向) and how it was verified.

A child's 去向 falls in one of four groups, and the group decides how it counts: 就读 children are in school
(the 入学率's numerator), 本在外 children are in school elsewhere and need proof, 未就读 children are the
疑似失学 list, and 不计 children (died, moved their 户籍 away, never lived here) leave the denominator. The
list of 去向 is the school's to extend, with history: a 去向 added later is offered from its day on.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

IN_SCHOOL, ELSEWHERE, OUT_OF_SCHOOL, NOT_COUNTED = "就读", "本在外", "未就读", "不计"
GROUPS = (IN_SCHOOL, ELSEWHERE, OUT_OF_SCHOOL, NOT_COUNTED)
TO_VERIFY = "待核实"
AT_THIS_SCHOOL = "本校在读"
HOME_TAUGHT = "送教上门"
DROPPED_OUT = "辍学(劝返中)"
NEVER_ENROLLED = "未入学"
SPECIAL_SCHOOL = "特教学校"


@dataclass(frozen=True, kw_only=True)
class Destination:
    """One 去向: its name as printed, its group, whether a 就读学校 is asked, and from when it is offered."""

    name: str
    group: str
    asks_school: bool = False
    since: date | None = None  # None: built in


DESTINATIONS = (
    Destination(name=AT_THIS_SCHOOL, group=IN_SCHOOL),
    Destination(name="本县外校就读", group=ELSEWHERE, asks_school=True),
    Destination(name="省内外县就读", group=ELSEWHERE, asks_school=True),
    Destination(name="省外就读(随迁)", group=ELSEWHERE, asks_school=True),
    Destination(name=SPECIAL_SCHOOL, group=ELSEWHERE, asks_school=True),
    Destination(name=HOME_TAUGHT, group=IN_SCHOOL),
    Destination(name="休学/缓学/免学", group=OUT_OF_SCHOOL),
    Destination(name=DROPPED_OUT, group=OUT_OF_SCHOOL),
    Destination(name=NEVER_ENROLLED, group=OUT_OF_SCHOOL),
    Destination(name="超龄离校/已毕业", group=NOT_COUNTED),
    Destination(name="出国(境)", group=NOT_COUNTED),
    Destination(name="死亡", group=NOT_COUNTED),
    Destination(name="户籍迁出", group=NOT_COUNTED),
    Destination(name="空挂户/查无此人", group=NOT_COUNTED),
    Destination(name="双重户籍", group=NOT_COUNTED),
    Destination(name="失踪失联", group=OUT_OF_SCHOOL),
)
RETURN_CASE_DESTINATIONS = frozenset({DROPPED_OUT, NEVER_ENROLLED})  # 劝返: a case is opened or linked
VERIFY_WAYS = ("入户", "电话", "学籍系统", "派出所", "外校协查")
# 三残: the three kinds of disability the 三残入学率 counts.
THREE_DISABILITIES = ("视力", "听力", "智力")
COMPULSORY_FIRST_AGE, COMPULSORY_LAST_AGE = 6, 14  # on 31 August of the school year: 一年级 … 九年级
PRIMARY_LAST_AGE = 11


def age_on(birth: date, day: date) -> int:
    """Full years (周岁) on *day*; a child born on 29 February turns a year older on 1 March."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def cut_off(school_year: int) -> date:
    """The day a school year judges age by: 31 August of its first calendar year."""
    return date(school_year, 8, 31)


def is_compulsory_age(birth: date | None, school_year: int) -> bool:
    """6 to 14 周岁 on 31 August (the nine cohorts of 一年级 to 九年级). A child whose birth date is not known is
    kept in the survey (to be verified), never silently dropped from it."""
    if birth is None:
        return True
    return COMPULSORY_FIRST_AGE <= age_on(birth, cut_off(school_year)) <= COMPULSORY_LAST_AGE


def stage_of(birth: date | None, school_year: int) -> str:
    """小学 or 初中 by the cohort (empty when the birth date is not known)."""
    if birth is None:
        return ""
    return "小学" if age_on(birth, cut_off(school_year)) <= PRIMARY_LAST_AGE else "初中"


def destinations_on(day: date, added: tuple[Destination, ...] = ()) -> tuple[Destination, ...]:
    """The 去向 offered on *day*: the built-in ones and the school's own added on or before it."""
    return DESTINATIONS + tuple(d for d in added if d.since is None or d.since <= day)


def group_of(name: str, added: tuple[Destination, ...] = ()) -> str:
    """The group a 去向 counts in ('' for 待核实 or a name no longer known)."""
    return next((d.group for d in (*DESTINATIONS, *added) if d.name == name), "")


def validate_destination(new: Destination, known: tuple[Destination, ...]) -> Destination:
    name = " ".join(new.name.split())
    if not name or len(name) > 20:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "Give the destination a name of 1 to 20 characters."))
    if any(d.name == name for d in (*DESTINATIONS, *known)):
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "There is already a destination named %1."), name)
    if new.group not in GROUPS:
        raise ValidationError("group", QT_TRANSLATE_NOOP("Errors", "Choose how the destination counts."))
    return Destination(name=name, group=new.group, asks_school=new.asks_school, since=new.since)


def rate(part: int, whole: int) -> str:
    """A rate as the bureau prints it (99.52%); — when there is nothing to divide."""
    return f"{part * 100 / whole:.2f}%" if whole else "—"
