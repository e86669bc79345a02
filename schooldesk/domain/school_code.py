"""The 10-digit school identification code (学校标识码): AA school kind, BB province, six-digit number."""
from __future__ import annotations

import unicodedata

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

SCHOOL_KINDS = {
    "11", "21", "22", "31", "32", "33", "34", "35", "36", "37", "41", "42", "51", "91", "92", "93",
}
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}


def normalize_digits(text: str) -> str:
    """Full-width digits to ASCII and surrounding spaces removed, as pasted from WPS or a web page."""
    return unicodedata.normalize("NFKC", text).strip()


def validate_school_code(text: str, field: str = "code") -> str:
    """Return the normalised code or raise ValidationError saying what is wrong with it."""
    code = normalize_digits(text)
    if not code:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Enter the 10-digit school code."))
    if len(code) != 10 or not code.isascii() or not code.isdigit():
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The school code has exactly 10 digits (you entered %1 characters)."), len(code)
        )
    if code[:2] not in SCHOOL_KINDS:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The school code's first two digits (%1) are not a school kind."), code[:2]
        )
    if code[2:4] not in PROVINCES:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The school code's 3rd and 4th digits (%1) are not a province."), code[2:4]
        )
    return code
