"""Values describing people: genders and teachers' professional titles (职称)."""
from __future__ import annotations

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

GENDERS = ("男", "女")
TEACHER_TITLES = (
    "未定级", "三级教师", "二级教师", "一级教师", "高级教师", "正高级教师",
)
PHONE_CHARS = set("0123456789-+ ")
MAX_NAME_LENGTH = 30


# Zero-width and bidirectional control characters: invisible, they make two equal names differ or reorder
# what is printed around a name.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
                                   "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Control characters pasted from other programs (NUL, BEL, ESC …), lone surrogates and the two non-characters:
# no form means them, and no .xlsx (XML 1.0) or PDF can hold them. Tab and line ends stay for the callers,
# which turn them into spaces or keep the lines.
UNWRITABLE = dict.fromkeys([*(c for c in range(0x20) if chr(c) not in "\t\n\r"), *range(0x7F, 0xA0),
                            *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])
DROPPED = {**INVISIBLE, **UNWRITABLE}


def strip_invisible(text: str) -> str:
    """*text* without invisible marks and without characters no document can hold (see UNWRITABLE)."""
    return text.translate(DROPPED)


def validate_person_name(name: str, field: str = "name") -> str:
    """A name is required and short; whitespace inside Chinese names is removed (张 三 → 张三), and invisible
    control characters are dropped."""
    cleaned = " ".join(strip_invisible(name).split())
    if cleaned and all("\u4e00" <= ch <= "\u9fff" or ch == " " for ch in cleaned):
        cleaned = cleaned.replace(" ", "")
    if not cleaned:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Enter a name."))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "A name can have at most %1 characters."), MAX_NAME_LENGTH
        )
    return cleaned


def validate_gender(gender: str, field: str = "gender") -> str:
    if gender not in GENDERS:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Choose 男 or 女."))
    return gender


def validate_phone(phone: str, field: str = "phone") -> str:
    """Empty is allowed; otherwise digits with optional dashes, 7 to 20 characters."""
    cleaned = phone.strip()
    if cleaned and (not set(cleaned) <= PHONE_CHARS or not 7 <= len(cleaned) <= 20):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "A phone number has 7 to 20 digits (dashes allowed).")
        )
    return cleaned
