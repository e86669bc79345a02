"""Pupil register, care categories, support records, dropout cases — through the services, on a real file."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from schooldesk.domain.care import DISABLED, LEFT_BEHIND, STRUGGLING
from schooldesk.domain.errors import ValidationError
from schooldesk.services.care import CareInput, add_care, list_care, update_care
from schooldesk.services.classes import add_class
from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, close_case, list_cases, open_case
from schooldesk.services.profile import CASE_OPENED, RETURN_VISIT, SUPPORT, pupil_profile
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil, get_pupil, list_pupils, update_pupil
from schooldesk.services.rows import ClassInput, TeacherInput
from schooldesk.services.school_rules import set_support_intervals, support_intervals
from schooldesk.services.support import SupportInput, add_support, overdue_support
from schooldesk.services.teachers import add_teacher
from tests.builders import make_id

YEAR = 2025
TODAY = date.today()


@pytest.fixture
def setup(school_db):  # type: ignore[no-untyped-def]
    teacher = add_teacher(school_db, TeacherInput("王老师", "女"))
    school_class = add_class(school_db, ClassInput(YEAR, 3, 2))
    return school_db, teacher.id, school_class.id


def pupil(name: str = "张书涵", birth: date = date(2015, 3, 4), gender: str = "女", serial: int = 1,
          **extra: object) -> PupilInput:
    return PupilInput(name=name, gender=gender, birth_date=birth, id_number=make_id(birth, gender, serial=serial),
                      school_year=YEAR, **extra)  # type: ignore[arg-type]


def test_add_pupil_lists_masked_with_class_and_search_keys(setup) -> None:  # type: ignore[no-untyped-def]
    db, _, class_id = setup
    data = pupil(class_id=class_id, guardians=(GuardianInput("张大山", "父亲", "13800001111", "广东东莞"), GuardianInput()))
    pupil_id = add_pupil(db, data)
    [row] = list_pupils(db, YEAR)
    assert row.id == pupil_id and row.class_name == "三年级(2)班" and row.grade == 3
    assert "*" in row.id_number_masked and data.id_number not in row.id_number_masked
    assert row.name_keys.startswith("zsh")
    stored = get_pupil(db, pupil_id, YEAR)
    assert stored.guardians[0].workplace == "广东东莞" and stored.id_number == data.id_number


def test_wrong_check_digit_saves_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = setup
    good = pupil()
    bad = good.id_number[:-1] + ("1" if good.id_number[-1] != "1" else "2")
    with pytest.raises(ValidationError) as caught:
        add_pupil(db, PupilInput(name="张书涵", gender="女", id_number=bad))
    assert caught.value.field == "id_number"
    assert list_pupils(db, YEAR) == []


def test_birth_date_and_gender_are_read_from_the_id_when_left_empty(setup) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = setup
    number = make_id(date(2016, 9, 1), "男")
    pupil_id = add_pupil(db, PupilInput(name="李小龙", gender="", id_number=number.lower()))
    stored = get_pupil(db, pupil_id, YEAR)
    assert (stored.birth_date, stored.gender) == (date(2016, 9, 1), "男")


def test_the_same_id_number_twice_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    db, _, _ = setup
    add_pupil(db, pupil())
    with pytest.raises(ValidationError, match="张书涵") as caught:
        add_pupil(db, pupil(name="张书含"))
    assert caught.value.field == "id_number"


def test_categories_with_details_and_no_overlap(setup) -> None:  # type: ignore[no-untyped-def]
    db, teacher_id, _ = setup
    pupil_id = add_pupil(db, pupil())
    start = TODAY - timedelta(days=10)
    left = add_care(db, pupil_id, CareInput(LEFT_BEHIND, start, None, teacher_id, {"kind": "双亲外出", "calls": "每周"}))
    add_care(db, pupil_id, CareInput(DISABLED, start, None, teacher_id,
                                     {"type": "肢体", "grade": "二级", "placement": "随班就读"}))
    assert left.summary == "双亲外出，每周" and left.responsible_teacher_name == "王老师"
    with pytest.raises(ValidationError, match="already"):
        add_care(db, pupil_id, CareInput(LEFT_BEHIND, TODAY, None, teacher_id))
    with pytest.raises(ValidationError) as caught:
        add_care(db, pupil_id, CareInput(STRUGGLING, TODAY, TODAY - timedelta(days=1)))
    assert caught.value.field == "end_date"
    with pytest.raises(ValidationError):
        update_care(db, left.id, CareInput(LEFT_BEHIND, start, None, teacher_id, {"kind": "三亲外出"}))
    [row] = list_pupils(db, YEAR)
    assert row.care_names == "留守儿童、残疾儿童"
    update_care(db, left.id, CareInput(LEFT_BEHIND, start, TODAY - timedelta(days=1), teacher_id, left.details))
    assert list_pupils(db, YEAR)[0].care_kinds == (DISABLED,)
    assert len(list_care(db, pupil_id)) == 2


def test_overdue_support_follows_the_school_setting(setup) -> None:  # type: ignore[no-untyped-def]
    db, teacher_id, _ = setup
    pupil_id = add_pupil(db, pupil())
    add_care(db, pupil_id, CareInput(LEFT_BEHIND, TODAY - timedelta(days=100), None, teacher_id))
    assert support_intervals(db)[LEFT_BEHIND] == 31  # default: monthly
    [overdue] = overdue_support(db, TODAY, YEAR)
    assert overdue.pupil_name == "张书涵" and overdue.responsible_teacher == "王老师" and overdue.last_record is None
    add_support(db, pupil_id, SupportInput(TODAY - timedelta(days=20), teacher_id, "谈心", "谈学习和想念父母"))
    assert overdue_support(db, TODAY, YEAR) == []
    set_support_intervals(db, {LEFT_BEHIND: 14})
    [overdue] = overdue_support(db, TODAY, YEAR)
    assert overdue.last_record == TODAY - timedelta(days=20)


def test_support_record_needs_teacher_and_content(setup) -> None:  # type: ignore[no-untyped-def]
    db, teacher_id, _ = setup
    pupil_id = add_pupil(db, pupil())
    with pytest.raises(ValidationError) as caught:
        add_support(db, pupil_id, SupportInput(TODAY, teacher_id, "谈心", "  "))
    assert caught.value.field == "content"
    with pytest.raises(ValidationError) as caught:
        add_support(db, pupil_id, SupportInput(TODAY, None, "谈心", "谈心"))
    assert caught.value.field == "teacher"


def test_dropout_case_with_two_visits_stays_on_file(setup) -> None:  # type: ignore[no-untyped-def]
    db, teacher_id, _ = setup
    pupil_id = add_pupil(db, pupil())
    case = open_case(db, pupil_id, CaseInput(TODAY - timedelta(days=9), "外出打工", "随父母去浙江"))
    assert get_pupil(db, pupil_id, YEAR).status == "辍学"
    with pytest.raises(ValidationError):
        open_case(db, pupil_id, CaseInput(TODAY, "厌学"))
    add_visit(db, case.id, VisitInput(TODAY - timedelta(days=8), "王老师、村主任", "祖母", "讲义务教育法", "考虑中"))
    add_visit(db, case.id, VisitInput(TODAY - timedelta(days=2), "王老师、校长", "父亲(电话)", "承诺回来", "同意返校"))
    with pytest.raises(ValidationError) as caught:
        close_case(db, case.id, TODAY, "转学")
    assert caught.value.field == "outcome_note"
    closed = close_case(db, case.id, TODAY, "返校")
    assert not closed.is_open and len(closed.visits) == 2
    assert get_pupil(db, pupil_id, YEAR).status == "在读"
    [kept] = list_cases(db, pupil_id)
    assert [v.result for v in kept.visits] == ["考虑中", "同意返校"]
    add_support(db, pupil_id, SupportInput(TODAY - timedelta(days=1), teacher_id, "家访", "家访"))
    profile = pupil_profile(db, pupil_id, YEAR)
    kinds = [entry.what for entry in profile.timeline]
    assert kinds[:3] == [CASE_OPENED, RETURN_VISIT, RETURN_VISIT] and SUPPORT in kinds
    assert [e.date for e in profile.timeline] == sorted(e.date for e in profile.timeline)


def test_update_moves_class_and_clears_a_guardian(setup) -> None:  # type: ignore[no-untyped-def]
    db, _, class_id = setup
    other = add_class(db, ClassInput(YEAR, 3, 3)).id
    pupil_id = add_pupil(db, pupil(class_id=class_id, guardians=(GuardianInput("张大山", "父亲"), GuardianInput("李梅", "母亲"))))
    update_pupil(db, pupil_id, pupil(class_id=other, guardians=(GuardianInput("张大山", "父亲"), GuardianInput())))
    stored = get_pupil(db, pupil_id, YEAR)
    assert stored.class_id == other and stored.guardians[1] == GuardianInput()


def test_demo_school_has_pupils_categories_support_and_a_dropout_case(db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.demo import create_demo_school
    from schooldesk.services.health import check_database

    create_demo_school(db, today=date(2026, 11, 24))
    counts = check_database(db).counts
    assert counts["pupils"] == 288 + 1 and counts["care records"] > 50 and counts["support records"] > 100
    assert (counts["dropout cases"], counts["persuade-to-return visits"]) == (1, 2 + 1)  # one was a 家访
    assert overdue_support(db, date(2026, 11, 24), 2026)  # some fall behind, for the home page
