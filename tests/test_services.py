"""Use cases on a real database file: set-up, school, teachers, classes."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import User
from schooldesk.domain.errors import NotFoundError, SchoolDeskError, ValidationError
from schooldesk.domain.semester import SemesterKey, default_term_dates
from schooldesk.services.accounts import password_matches
from schooldesk.services.classes import add_class, list_classes, set_class_active, update_class
from schooldesk.services.demo import create_demo_school
from schooldesk.services.health import check_database
from schooldesk.services.rows import ClassInput, SchoolDetails, TeacherInput
from schooldesk.services.school import get_school, update_school
from schooldesk.services.semesters import current_semester, list_semesters, set_school_year
from schooldesk.services.setup import is_set_up, set_up_school
from schooldesk.services.teachers import add_teacher, list_teachers, set_teacher_active, update_teacher


def test_set_up_is_all_or_nothing(db: Database) -> None:
    term1, term2 = default_term_dates(2025)
    with pytest.raises(ValidationError) as caught:
        set_up_school(db, school=SchoolDetails("石桥村小学", "2141051203"), term1=term1, term2=term2,
                      admin_username="admin", admin_password="short")
    assert caught.value.field == "password"
    assert not is_set_up(db)
    assert list_semesters(db) == []


def test_set_up_stores_a_slow_hash_not_the_password(school_db: Database) -> None:
    with school_db.transaction() as session:
        user = session.scalars(select(User)).one()
        assert user.role == "admin"
        assert user.password_hash.startswith("$argon2id$")
        assert "correct horse" not in user.password_hash
        assert password_matches(user.password_hash, "correct horse")
        assert not password_matches(user.password_hash, "wrong horse")


def test_set_up_twice_is_refused(school_db: Database) -> None:
    term1, term2 = default_term_dates(2025)
    with pytest.raises(SchoolDeskError, match="already holds a school"):
        set_up_school(school_db, school=SchoolDetails("别的学校", "2141051204"), term1=term1, term2=term2,
                      admin_username="other", admin_password="long enough")
    assert get_school(school_db).name == "石桥村小学"  # type: ignore[union-attr]


def test_school_details_are_validated_and_cleaned(school_db: Database) -> None:
    saved = update_school(school_db, SchoolDetails(" 石桥村 小学 ", "２１４１０５１２０３", principal="王 校长"))
    assert saved.code == "2141051203"
    with pytest.raises(ValidationError) as caught:
        update_school(school_db, SchoolDetails("石桥村小学", "123"))
    assert caught.value.field == "code"
    assert get_school(school_db).code == "2141051203"  # type: ignore[union-attr]


def test_semesters_and_current(school_db: Database) -> None:
    set_school_year(school_db, *default_term_dates(2026))
    semesters = list_semesters(school_db)
    assert [s.key for s in semesters] == [SemesterKey(2025, 1), SemesterKey(2025, 2), SemesterKey(2026, 1), SemesterKey(2026, 2)]
    assert current_semester(semesters, date(2026, 3, 1)).key == SemesterKey(2025, 2)  # type: ignore[union-attr]
    assert current_semester(semesters, date(2020, 3, 1)).key == SemesterKey(2025, 1)  # type: ignore[union-attr]
    set_school_year(school_db, *default_term_dates(2026))  # saving again updates, never duplicates
    assert len(list_semesters(school_db)) == 4


def test_teachers_add_edit_deactivate(school_db: Database) -> None:
    teacher = add_teacher(school_db, TeacherInput(name="张 三", gender="男", subjects="语文,数学，科学", title="一级教师"))
    assert teacher.name == "张三" and teacher.subjects == "语文、数学、科学" and teacher.active
    updated = update_teacher(school_db, teacher.id, TeacherInput(name="张三丰", gender="男", phone="13800000000"))
    assert updated.name == "张三丰" and updated.phone == "13800000000"
    set_teacher_active(school_db, teacher.id, False)
    assert list_teachers(school_db, include_inactive=False) == []
    assert [t.active for t in list_teachers(school_db)] == [False]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (TeacherInput(name="", gender="男"), "name"),
        (TeacherInput(name="李四", gender="?"), "gender"),
        (TeacherInput(name="李四", gender="女", title="教授"), "title"),
        (TeacherInput(name="李四", gender="女", phone="abc"), "phone"),
    ],
)
def test_teacher_validation_names_the_field_and_saves_nothing(school_db: Database, data: TeacherInput, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_teacher(school_db, data)
    assert caught.value.field == field
    assert list_teachers(school_db) == []


def test_editing_a_missing_teacher(school_db: Database) -> None:
    with pytest.raises(NotFoundError):
        update_teacher(school_db, 999, TeacherInput(name="李四", gender="女"))


def test_classes(school_db: Database) -> None:
    head = add_teacher(school_db, TeacherInput(name="王老师", gender="女"))
    made = add_class(school_db, ClassInput(2025, 3, 2, head_teacher_id=head.id))
    assert made.name == "三年级(2)班" and made.head_teacher_name == "王老师"
    with pytest.raises(ValidationError) as caught:
        add_class(school_db, ClassInput(2025, 3, 2))
    assert caught.value.field == "number"
    add_class(school_db, ClassInput(2026, 3, 2))  # the same name in another school year is fine
    renamed = update_class(school_db, made.id, ClassInput(2025, 3, 2, name="三(2)班·春晖班"))
    assert renamed.name == "三(2)班·春晖班" and renamed.head_teacher_name == ""
    set_class_active(school_db, made.id, False)
    assert [c.active for c in list_classes(school_db, 2025)] == [False]


def test_a_deactivated_teacher_cannot_become_head_teacher(school_db: Database) -> None:
    teacher = add_teacher(school_db, TeacherInput(name="赵老师", gender="男"))
    set_teacher_active(school_db, teacher.id, False)
    with pytest.raises(ValidationError) as caught:
        add_class(school_db, ClassInput(2025, 1, 1, head_teacher_id=teacher.id))
    assert caught.value.field == "head_teacher"
    assert list_classes(school_db, 2025) == []


def test_demo_school_is_healthy_and_realistic(db: Database) -> None:
    create_demo_school(db, today=date(2026, 11, 24))
    report = check_database(db)
    assert report.healthy
    assert report.counts["teachers"] == 24 and report.counts["classes"] == 12
    assert {c.name for c in list_classes(db, 2026)} >= {"一年级(1)班", "六年级(2)班"}
    assert sum(not t.active for t in list_teachers(db)) == 1
