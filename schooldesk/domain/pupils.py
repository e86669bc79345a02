"""Values of the pupil register as the national student-status system (学籍系统) keeps them."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

ID_CARD = "居民身份证"
ID_TYPES = (ID_CARD, "港澳台居民居住证", "护照", "其他", "无")

IN_SCHOOL = "在读"
HOME_TAUGHT = "送教上门"
DROPPED_OUT = "辍学"
STATUSES = (IN_SCHOOL, "转入", "转出", "休学", DROPPED_OUT, "毕业", HOME_TAUGHT)
ON_ROLL = frozenset({IN_SCHOOL, "转入", "休学", DROPPED_OUT, HOME_TAUGHT})  # still the school's pupils
ARRIVED = "转入"  # dated: the pupil was not the school's before it


def status_on(history: Iterable[tuple[str, date | None]], day: date) -> str:
    """The status in force on *day* of a pupil whose statuses from their days on are *history* (in the order
    recorded; a day of None: since before anything was recorded): a change dated later — 毕业 on the old
    year's last day, written by a new school year prepared in December — is not in force yet. "" when none
    is: the pupil had not yet come (转入 next week)."""
    found, found_day = "", date.min
    for status, since in history:
        since = since or date.min
        if since <= day and since >= found_day:
            found, found_day = status, since
    return found

ETHNICITIES = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族",
    "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族",
    "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族",
    "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族",
    "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族",
    "门巴族", "珞巴族", "基诺族", "其他", "外国血统中国籍人士",
)
BOARDING = ("走读", "住校")
WAYS_TO_SCHOOL = ("步行", "自行车", "电动车", "家长接送", "校车", "公共交通", "其他")
RELATIONS = ("父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "兄姐", "其他亲属", "其他")
GUARDIAN_SLOTS = (1, 2)
MAX_TEXT = 200


def validate_choice(value: str, choices: tuple[str, ...], field: str, *, required: bool = False) -> str:
    from schooldesk.domain.people import strip_invisible

    cleaned = strip_invisible(value).strip()
    if not cleaned and not required:
        return ""
    if cleaned not in choices:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Choose one of: %1."), "、".join(choices))
    return cleaned


def validate_text(value: str, field: str, limit: int = MAX_TEXT) -> str:
    from schooldesk.domain.people import strip_invisible

    cleaned = " ".join(strip_invisible(value).split())
    if len(cleaned) > limit:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "At most %1 characters."), limit)
    return cleaned


def validate_long_text(value: str, field: str, limit: int) -> str:
    """Like :func:`validate_text`, but a record written in paragraphs (a lesson's 教学过程) keeps its lines."""
    lines = [validate_text(line, field, limit) for line in value.replace("\r\n", "\n").split("\n")]
    cleaned = "\n".join(lines).strip("\n")
    if len(cleaned) > limit:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "At most %1 characters."), limit)
    return cleaned


def validate_student_number(raw: str, id_number: str, field: str = "student_number") -> str:
    """学籍号: "G" + the ID number, "L" + digits, or another code the system issued; upper case, no spaces."""
    number = "".join(raw.split()).upper()
    if not number:
        return ""
    if not number.isascii() or not number.isalnum() or len(number) > 30:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "A student number is letters and digits, at most 30.")
        )
    if number.startswith("G") and len(number) == 19 and id_number and number[1:] != id_number:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "This G student number does not match the ID number.")
        )
    return number


def mask_student_number(number: str, *, strict: bool = False) -> str:
    """A G number carries the ID number inside it, so it is masked the same way."""
    from schooldesk.domain.id_number import mask

    return "G" + mask(number[1:], strict=strict) if number.startswith("G") and len(number) == 19 else number
