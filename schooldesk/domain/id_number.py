"""Resident ID numbers (居民身份证号, GB 11643-1999): normalising, checking, masking."""
from __future__ import annotations

import unicodedata
from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def normalise(raw: str) -> str:
    """Full-width digits to ASCII, spaces dropped, a lowercase x raised (Excel and WPS users type both)."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(text.split()).upper()


def check_digit(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date_of(number: str) -> date | None:
    """The birth date encoded in an 18-character number, or None if it is not a real date."""
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender_of(number: str) -> str:
    """Digit 17 is odd for men and even for women."""
    return "男" if int(number[16]) % 2 else "女"


def upgrade_15(number: str) -> str:
    """A legacy 15-digit number (issued before 1999, birth year without century) as 18 characters."""
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17)


def validate_id_number(
    raw: str, *, birth_date: date | None = None, gender: str | None = None, field: str = "id_number"
) -> str:
    """The normalised 18-character number, or a ValidationError saying exactly what is wrong."""
    number = normalise(raw)
    if len(number) == 15 and number.isdigit():
        if birth_date is not None and birth_date.year >= 2000:
            raise ValidationError(
                field,
                QT_TRANSLATE_NOOP("Errors", "A 15-digit ID number cannot belong to someone born in %1; "
                                            "enter the 18-character number."),
                birth_date.year,
            )
        number = upgrade_15(number)
    if len(number) != 18:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "An ID number has 18 characters; this one has %1."), len(number)
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "An ID number is 17 digits followed by a digit or X.")
        )
    encoded_birth = birth_date_of(number)
    if encoded_birth is None or encoded_birth.year < 1900:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "Characters 7 to 14 of the ID number are not a real birth date.")
        )
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "The check digit (last character) of this ID number is wrong: "
                                        "it should be %1. Check the number for a typing error."),
            expected,
        )
    if birth_date is not None and encoded_birth != birth_date:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "The ID number says the birth date is %1, but the record says %2."),
            encoded_birth.isoformat(), birth_date.isoformat(),
        )
    if gender and gender_of(number) != gender:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "The ID number belongs to someone of gender %1, but the record says %2."),
            gender_of(number), gender,
        )
    return number


def mask(number: str, *, strict: bool = False) -> str:
    """4113**********123X: the region and the last four stay, enough to tell pupils apart. *strict* (for
    teachers, who also see the birth date): 4113************3X, so the birth date and region cannot narrow
    the hidden digits down to a handful of candidates."""
    keep = 2 if strict else 4
    if len(number) <= 4 + keep:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 4 - keep) + number[-keep:]
