"""ID numbers (GB 11643-1999), masking and pinyin search keys."""
from __future__ import annotations

from datetime import date

import pytest

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.id_number import mask, upgrade_15, validate_id_number
from schooldesk.domain.pinyin_search import matches, search_keys
from schooldesk.domain.pupils import mask_student_number
from tests.builders import make_id


def test_standard_example_passes() -> None:
    # The worked example printed in GB 11643-1999.
    assert validate_id_number("11010519491231002X") == "11010519491231002X"


def test_lowercase_x_full_width_digits_and_spaces_are_normalised() -> None:
    assert validate_id_number(" １１０１０５１９４９１２３１００２x ") == "11010519491231002X"


@pytest.mark.parametrize("wrong", ["110105194912310021", "11010519491231002Y"])
def test_wrong_check_digit_names_the_right_one(wrong: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_id_number(wrong)
    assert caught.value.field == "id_number"
    assert "X" in caught.value.message_args or "digit" in caught.value.message


def test_birth_date_and_gender_must_agree_with_the_record() -> None:
    number = make_id(date(2015, 3, 4), "女")
    assert validate_id_number(number, birth_date=date(2015, 3, 4), gender="女") == number
    with pytest.raises(ValidationError, match="2015-03-05"):
        validate_id_number(number, birth_date=date(2015, 3, 5))
    with pytest.raises(ValidationError, match="男"):
        validate_id_number(number, gender="男")


def test_impossible_birth_date_and_wrong_length_are_refused() -> None:
    with pytest.raises(ValidationError, match="birth date"):
        validate_id_number("110105201502300010")
    with pytest.raises(ValidationError, match="14"):
        validate_id_number("11010520150304")


def test_fifteen_digit_numbers_are_converted_or_refused_with_a_reason() -> None:
    assert upgrade_15("110105491231002") == "11010519491231002X"
    assert validate_id_number("110105491231002") == "11010519491231002X"
    with pytest.raises(ValidationError, match="2015"):
        validate_id_number("110105150304002", birth_date=date(2015, 3, 4))


def test_masking_keeps_region_and_last_four() -> None:
    assert mask("41130220150304123X") == "4113**********123X"
    assert mask_student_number("G41130220150304123X") == "G4113**********123X"
    assert mask_student_number("L2015000123") == "L2015000123"


def test_pinyin_initials_and_surname_readings() -> None:
    keys = search_keys("张书涵")
    assert matches("zsh", "张书涵", keys)
    assert matches("zhangsh", "张书涵", keys)
    assert matches("书涵", "张书涵", keys)
    assert not matches("lsh", "张书涵", keys)
    assert matches("sxm", "单小明", search_keys("单小明"))  # 单 read shan as a surname
    assert search_keys("𠮷祥")  # a character outside the BMP does not break it


def test_place_name_reads_each_level_of_an_area_code() -> None:
    from schooldesk.domain.areas import area_names, place_name

    names = {"44": "广东省", "4419": "东莞市", "441900003": "东城街道", "11": "北京市", "1101": "市辖区",
             "110101": "东城区"}
    assert place_name("441900003000", names) == "广东省东莞市东城街道"  # no county level: skipped, not stopped
    assert place_name("110101000000", names) == "北京市东城区"  # 市辖区 is a grouping, not a place
    assert place_name("110101", names) == "北京市东城区"
    for text in ("990000000000", "东莞市东城街道", "4419", "12345678901234", "４４１９００００３０００"):
        assert place_name(text, names) == text  # unknown, not a code, or not ASCII digits: as the roster gave it
    assert len(area_names()) > 40000 and area_names()["210921"] == "阜新蒙古族自治县"  # the shipped table
