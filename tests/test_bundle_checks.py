"""报送前检查 says what is really missing: a left-behind child with no responsible teacher is one item naming
the children (not "尚未由—家访" once per child), and a child whose teacher has not visited is named with the teacher."""
from __future__ import annotations

from datetime import date

from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.bundle import bundle_checks
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from tests.builders import make_id

AUTUMN = SemesterKey(2025, 1)


def test_children_without_a_responsible_teacher_are_one_item_and_not_visited_ones_name_the_teacher(school_db) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    li = add_teacher(db, TeacherInput("李春梅", "女")).id
    for serial, (name, teacher) in enumerate((("王小明", li), ("陈小红", None), ("刘刚", None)), 1):
        birth = date(2015, 3, serial)
        pupil = add_pupil(db, PupilInput(name=name, gender="男", birth_date=birth, id_number=make_id(birth, "男", serial=serial),
                                         school_year=2025))
        add_care(db, pupil, CareInput(LEFT_BEHIND, date(2025, 9, 1), responsible_teacher_id=teacher))

    checks = bundle_checks(db, AUTUMN, date(2025, 12, 20))
    texts = [c.text_zh for c in checks if c.code in ("not_visited", "no_responsible_teacher")]
    assert texts == ["王小明（留守儿童）尚未由李春梅家访", "2名留守儿童没有包保责任人，无人负责家访：陈小红、刘刚"]
    assert not any("—" in c.text_zh for c in checks)
    [unassigned] = [c for c in checks if c.code == "no_responsible_teacher"]
    assert unassigned.family == "dropout"  # opened on the care page, where the teacher is given
