"""Every read path under each role: teachers read everything with numbers strictly masked, and can never
confirm a guessed ID number."""
from __future__ import annotations

from datetime import date

import pytest

from schooldesk.domain.access import Actor
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.care import CareInput, add_care, list_care
from schooldesk.services.dropout import CaseInput, list_cases, open_case
from schooldesk.services.home_teaching import add_plan, list_plans
from schooldesk.services.home_teaching_log import find_plan, home_teaching_log
from schooldesk.services.monthly_report import monthly_report
from schooldesk.services.profile import pupil_profile
from schooldesk.services.pupil_file import pupil_file
from schooldesk.services.pupils import find_pupil_id, list_pupils
from schooldesk.services.registers import register_book
from schooldesk.services.support import list_support
from tests.builders import plan_input

AUTUMN = SemesterKey(2025, 1)
ROLES = {"admin": Actor("admin", "admin"), "office": Actor("office1", "office"),
         "teacher": Actor("teacher1", "teacher", 1)}


@pytest.fixture
def child(home):  # type: ignore[no-untyped-def]
    db, pupil, teachers, number = home
    add_care(db, pupil, CareInput("disabled", date(2025, 9, 1), responsible_teacher_id=teachers[0]))
    open_case(db, pupil, CaseInput(date(2025, 10, 13), "疾病", stage="疑似辍学"))
    add_plan(db, pupil, AUTUMN, plan_input(teachers))
    return db, pupil, number


@pytest.mark.parametrize("role", ROLES)
def test_every_read_path_works_for_every_role(child, role: str) -> None:  # type: ignore[no-untyped-def]
    db, pupil, number = child
    db.actor = ROLES[role]
    strict = role == "teacher"
    shown = number[:4] + "*" * (12 if strict else 10) + number[-(2 if strict else 4):]
    [row] = [r for r in list_pupils(db, 2025) if r.id == pupil]
    assert row.id_number_masked == shown and (row.numbers == "" if strict else number in row.numbers)
    profile = pupil_profile(db, pupil, 2025)
    assert profile.id_number_masked == shown and profile.details.id_number == ""  # never the full one here
    assert profile.student_number_masked == "G" + shown
    assert list_care(db, pupil) and list_support(db, pupil) == [] and list_cases(db, pupil)
    book = register_book(db, AUTUMN, today=date(2025, 12, 1))
    assert book.care_of("disabled")[0].pupil.id_number == shown and book.home_taught
    assert pupil_file(db, pupil, 2025).id_number == shown
    assert monthly_report(db, date(2025, 10, 1)).count("疑似辍学") == 1
    plans = list_plans(db, AUTUMN, date(2025, 12, 1))
    assert home_teaching_log(db, plans[0].plan.id).child.name == "陈小宇"


def test_a_teacher_cannot_confirm_a_guessed_id_number(child) -> None:  # type: ignore[no-untyped-def]
    db, pupil, number = child
    assert find_plan(db, number, AUTUMN) and find_pupil_id(db, number) == pupil
    db.actor = ROLES["teacher"]
    for guess in (number, number[:-1] + ("X" if number[-1] != "X" else "0"), f"G{number}"):
        with pytest.raises(NotFoundError) as refused:
            find_plan(db, guess, AUTUMN)
        assert "No pupil has the student or ID number" in refused.value.message  # the same answer for both
        with pytest.raises(NotFoundError):
            find_pupil_id(db, guess)
    db.actor = ROLES["office"]
    assert find_plan(db, f"G{number}", AUTUMN)
