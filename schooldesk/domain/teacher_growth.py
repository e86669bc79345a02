"""The teacher's file (教师专业成长档案): the kinds, levels and grades its records are chosen from, and who
may read a teacher's 师德 record. Lists follow the forms of the seed plans (国/省/市/县/校本 training,
师德 承诺书 and yearly 考核, 师德标兵 and 优秀教师 honours, 交流轮岗 and 支教)."""
from __future__ import annotations

from datetime import date

from schooldesk.domain.access import Actor
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

TRAINING_LEVELS = ("国家级", "省级", "市级", "县级", "校本")
HONOUR_LEVELS = ("国家级", "省级", "市级", "县级", "乡镇级", "校级")
ETHICS_KINDS = ("承诺书", "年度考核", "表彰", "违规")
ETHICS_GRADES = ("优秀", "合格", "基本合格", "不合格")
EXCHANGE_KINDS = ("交流轮岗", "支教", "跟岗学习")
OUTSIDE_POSTS = ("督学", "教研员", "中心校领导", "其他")
VISIT_KINDS = ("视导", "督导", "常规检查")
LEADING_DUTIES = ("校长", "副校长")  # a teacher's account holding one of these reads every 师德 record
MAX_HOURS = 1000.0


def sees_ethics(actor: Actor, duties: tuple[str, ...]) -> bool:
    """师德 records (violations and their handling among them) are for the principal and the office only:
    administrators and office staff, or a teacher's account whose teacher holds 校长 or 副校长 (*duties*)."""
    return actor.keeps_records or any(duty in LEADING_DUTIES for duty in duties)


def choose(value: str, choices: tuple[str, ...], field: str) -> str:
    value = value.strip()
    if value not in choices:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Choose one of: %1."), "、".join(choices))
    return value


def check_span(start: date, end: date | None, today: date, field: str = "end_date") -> None:
    """A span of days ends on or after it starts; it may not start in the future."""
    if start > today:
        raise ValidationError("start_date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    if end is not None and end < start:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The end date is before the start date."))


def check_hours(hours: float) -> float:
    """学时: a positive number of hours, in halves at most (a 90-minute session is 1.5)."""
    if not 0 < hours <= MAX_HOURS:
        raise ValidationError("hours", QT_TRANSLATE_NOOP("Errors", "Enter the hours (学时), between 0.5 and %1."),
                              int(MAX_HOURS))
    return round(hours * 2) / 2


def hours_text(hours: float) -> str:
    """18.0 → "18", 1.5 → "1.5"."""
    return f"{hours:g}"
