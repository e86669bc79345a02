"""升级: a new school year moves classes and pupils up, graduates the top grade, once, after a backup."""
from __future__ import annotations

import json
from datetime import date

import pytest

from schooldesk.db.backups import list_backups
from schooldesk.db.database import BACKUP_DIRNAME, Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.moving_up import LEAVE, NINE_YEAR, PRIMARY, REPEAT
from schooldesk.domain.semester import SemesterKey, TermDates
from schooldesk.services.classes import add_class, list_classes
from schooldesk.services.new_school_year import (
    NewYearChoices, plan_new_school_year, school_type, set_school_type, start_new_school_year,
)
from schooldesk.services.monthly_report import monthly_report
from schooldesk.services.pupils import PupilInput, add_pupil, count_pupils_on_roll, get_pupil, list_pupils
from schooldesk.services.rows import ClassInput, TeacherInput
from schooldesk.services.semesters import list_semesters
from schooldesk.services.teachers import add_teacher
from tests.builders import make_id, open_as_command, run_cli


@pytest.fixture
def school(school_db: Database):  # type: ignore[no-untyped-def]
    """2025—2026: 三年级(2)班, 五年级(1)班 (head 李老师) and 六年级(1)班 (head 赵老师) with pupils."""
    li = add_teacher(school_db, TeacherInput("李老师", "女")).id
    zhao = add_teacher(school_db, TeacherInput("赵老师", "男")).id
    classes = {g: add_class(school_db, ClassInput(2025, g, n, head_teacher_id=h)).id
               for g, n, h in ((3, 2, None), (5, 1, li), (6, 1, zhao))}
    pupils: dict[str, int] = {}
    for serial, (name, grade, status) in enumerate((("王一", 5, "在读"), ("王二", 5, "在读"), ("王三", 5, "送教上门"),
                                                    ("赵一", 6, "在读"), ("赵二", 6, "在读"), ("孙一", 3, "转出"),
                                                    ("孙二", 3, "在读")), 40):
        born = date(2025 - grade - 6, 3, 1)
        pupils[name] = add_pupil(school_db, PupilInput(name=name, gender="男", birth_date=born, status=status,
                                                       id_number=make_id(born, "男", serial=serial),
                                                       school_year=2025, class_id=classes[grade]))
    return school_db, pupils, (li, zhao)


def _class_of(db: Database, pupil_id: int, year: int) -> str:
    """The class of *pupil_id* in exactly *year* (not the latest before it)."""
    from sqlalchemy import select

    from schooldesk.db.models import Enrolment, SchoolClass

    with db.transaction() as session:
        return session.scalar(select(SchoolClass.name).join(Enrolment, Enrolment.class_id == SchoolClass.id).where(
            Enrolment.pupil_id == pupil_id, Enrolment.school_year == year)) or ""


def test_the_preview_lists_per_class_what_will_happen_and_writes_nothing(school) -> None:  # type: ignore[no-untyped-def]
    db, pupils, (li, _zhao) = school
    plan = plan_new_school_year(db, 2026)
    moves = {c.from_name: c for c in plan.classes}
    assert [(c.from_name, c.to_name) for c in plan.classes] == [
        ("三年级(2)班", "四年级(2)班"), ("五年级(1)班", "六年级(1)班"), ("六年级(1)班", "毕业")]
    assert len(moves["三年级(2)班"].pupils) == 1  # 孙一 left the school: not on roll, not moved
    assert moves["五年级(1)班"].head_teacher_id == li and moves["五年级(1)班"].head_teacher_name == "李老师"
    assert (plan.count("move_up"), plan.count("graduate")) == (4, 2)
    assert plan.term1 == TermDates(SemesterKey(2026, 1), date(2026, 9, 1), date(2027, 1, 31))
    assert plan.graduation_date == date(2026, 7, 15)  # the last day of 2025—2026's second term
    assert list_classes(db, 2026) == [] and 2026 not in {s.key.school_year for s in list_semesters(db)}


def test_starting_the_year_moves_everyone_once_after_a_backup(school) -> None:  # type: ignore[no-untyped-def]
    db, pupils, (li, zhao) = school
    choices = NewYearChoices(pupils={pupils["王二"]: REPEAT, pupils["孙二"]: LEAVE},
                             head_teachers={(6, 1): zhao}, graduation_date=date(2026, 7, 10),
                             term1=TermDates(SemesterKey(2026, 1), date(2026, 8, 31), date(2027, 1, 22)))
    plan = start_new_school_year(db, 2026, choices)
    assert plan.count("repeat") == 1 and plan.count("leave") == 1
    assert [b.reason for b in list_backups(db.path.parent / BACKUP_DIRNAME)] == ["pre-new-year"]
    new = {c.name: c for c in list_classes(db, 2026)}
    assert sorted(new) == ["五年级(1)班", "六年级(1)班", "四年级(2)班"]  # the section stays though 孙二 left
    assert new["六年级(1)班"].head_teacher_id == zhao  # changed in the preview
    assert _class_of(db, pupils["王一"], 2026) == "六年级(1)班"
    assert _class_of(db, pupils["王三"], 2026) == "六年级(1)班"  # 送教上门 is on roll: moves up too
    assert _class_of(db, pupils["王二"], 2026) == "五年级(1)班"  # repeats
    for name in ("赵一", "赵二"):
        pupil = get_pupil(db, pupils[name], 2026)
        assert (pupil.status, pupil.status_date) == ("毕业", date(2026, 7, 10))
    assert get_pupil(db, pupils["孙二"], 2026).status == "转出"
    assert _class_of(db, pupils["王一"], 2025) == "五年级(1)班"  # last year's class stays on record
    terms = {s.key: s for s in list_semesters(db)}
    assert terms[SemesterKey(2026, 1)].start == date(2026, 8, 31) and SemesterKey(2026, 2) in terms

    with pytest.raises(ValidationError) as error:
        start_new_school_year(db, 2026)
    assert error.value.field == "year" and "2026—2027学年" in error.value.message_args
    assert len(list_backups(db.path.parent / BACKUP_DIRNAME)) == 1  # refused before any backup


def test_a_nine_year_school_moves_sixth_grade_up_and_bad_choices_are_refused(school) -> None:  # type: ignore[no-untyped-def]
    db, pupils, _ = school
    set_school_type(db, NINE_YEAR)
    plan = plan_new_school_year(db, 2026)
    assert [c.to_name for c in plan.classes] == ["四年级(2)班", "六年级(1)班", "七年级(1)班"]
    assert plan.count("graduate") == 0
    with pytest.raises(ValidationError):
        plan_new_school_year(db, 2026, NewYearChoices(pupils={pupils["王一"]: "graduate"}))  # not the top grade
    with pytest.raises(ValidationError) as error:
        plan_new_school_year(db, 2031)
    assert error.value.field == "year"  # 2030—2031 has no classes to move up from


def test_new_school_year_command_dry_run_json_then_run_then_refused(school) -> None:  # type: ignore[no-untyped-def]
    db, pupils, _ = school
    folder = str(db.path.parent)
    db.close()
    dry = run_cli("--data-dir", folder, "new-school-year", "--year", "2026", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    result = json.loads(dry.stdout)
    assert result["dry_run"] is True and result["moved_up"] == 4 and result["graduating"] == 2
    assert result["classes"][2] == {"from": "六年级(1)班", "to": "毕业", "head_teacher": "", "pupils": 2,
                                    "moved_up": 0, "repeating": 0, "leaving": 0, "graduating": 2}
    assert result["terms"][0] == {"term": 1, "start": "2026-09-01", "end": "2027-01-31"}
    done = run_cli("--data-dir", folder, "new-school-year", "--year", "2026")
    assert done.returncode == 0, done.stderr
    assert "五年级(1)班 → 六年级(1)班" in done.stdout and "备份" in done.stdout
    again = run_cli("--data-dir", folder, "new-school-year", "--year", "2026")
    assert again.returncode == 2 and "不能重复" in again.stderr


def test_the_new_school_year_window_previews_adjusts_and_starts(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.new_school_year_dialog import NewSchoolYearDialog
    from schooldesk.ui.state import AppState

    db, pupils, (li, zhao) = school
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(11)
    classes_page = window.pages[11][1]
    dialog: NewSchoolYearDialog = classes_page.open_new_school_year()  # type: ignore[assignment]
    assert dialog.terms.year.value() == 2026 and dialog.kind.currentText() == "小学"
    assert dialog.graduation.value() == date(2026, 7, 15)  # the last day of 2025—2026, not today
    tree = dialog.tree
    assert [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())] == ["四年级(2)班", "六年级(1)班", "毕业"]
    assert "4" in dialog.summary.text() and "2026—2027学年" in dialog.summary.text()
    fifth = tree.topLevelItem(1)
    wang_er = next(fifth.child(i) for i in range(fifth.childCount()) if fifth.child(i).text(0) == "王二")
    wang_er.setSelected(True)
    dialog.repeat_button.click()
    fifth = dialog.tree.topLevelItem(1)
    assert next(fifth.child(i).text(1) for i in range(fifth.childCount()) if fifth.child(i).text(0) == "王二") == "留级"
    head = dialog.tree.itemWidget(fifth, 3)
    assert head.currentText() == "李老师"
    head.set_teacher(zhao)
    question = dialog.confirm_start()
    assert question is not None
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    new = {c.name: c for c in list_classes(db, 2026)}
    assert new["六年级(1)班"].head_teacher_id == zhao and "五年级(1)班" in new  # 王二 repeats
    assert _class_of(db, pupils["王二"], 2026) == "五年级(1)班"
    notices = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("2026—2027学年" in n.text() for n in notices)
    again: NewSchoolYearDialog = classes_page.open_new_school_year()  # type: ignore[assignment]
    assert again.terms.year.value() == 2027  # the next one is offered
    again.terms.year.setValue(2026)
    assert not again.start_button.isEnabled() and "不能重复" in again.summary.text()


def test_a_year_prepared_in_december_changes_nothing_before_its_first_day(school) -> None:  # type: ignore[no-untyped-def]
    """Prepared on 4 December 2025, 2026—2027 graduates 赵一 and 赵二 on 15 July 2026 and 孙二 leaves then:
    December's 月报 and the running semester's roll still count all six; from July they are gone."""
    db, pupils, _ = school
    december = date(2025, 12, 1)
    before = monthly_report(db, december)
    assert (before.count("在籍人数"), before.count("在校人数")) == (6, 5)  # 王三 送教上门 is on roll, not at school
    start_new_school_year(db, 2026, NewYearChoices(pupils={pupils["孙二"]: LEAVE}))
    after = monthly_report(db, december)
    assert (after.count("在籍人数"), after.count("在校人数")) == (6, 5)
    assert count_pupils_on_roll(db, date(2025, 12, 4)) == 6
    assert count_pupils_on_roll(db, date(2026, 7, 14)) == 6  # the old year's last day but one
    rows = {p.name: p for p in list_pupils(db, 2025, today=date(2025, 12, 4))}
    assert rows["赵一"].status == "在读" and rows["赵一"].coming_status == "毕业（2026-07-15起）"
    assert rows["孙一"].status == "转出"  # left before: unchanged
    september = monthly_report(db, date(2026, 9, 1))
    assert (september.count("在籍人数"), september.count("在校人数")) == (3, 2)  # 王一, 王二, 王三
    assert count_pupils_on_roll(db, date(2026, 9, 1)) == 3
    assert {p.name: p.status for p in list_pupils(db, 2026, today=date(2026, 9, 1))}["赵二"] == "毕业"


def test_the_preview_is_what_the_run_does_with_the_school_type_chosen(school) -> None:  # type: ignore[no-untyped-def]
    db, pupils, _ = school
    set_school_type(db, NINE_YEAR)  # stored: 六年级 moves up
    choices = NewYearChoices(school_type=PRIMARY, pupils={pupils["王二"]: REPEAT})
    preview = plan_new_school_year(db, 2026, choices)
    assert school_type(db) == NINE_YEAR  # a preview writes nothing
    done = start_new_school_year(db, 2026, choices)
    counts = ("move_up", "repeat", "leave", "graduate")
    assert [preview.count(c) for c in counts] == [done.count(c) for c in counts] == [3, 1, 0, 2]
    assert [(c.from_name, c.to_name) for c in preview.classes] == [(c.from_name, c.to_name) for c in done.classes]
    assert school_type(db) == PRIMARY
    graduated = {p.name for p in list_pupils(db, 2026, today=date(2026, 9, 1)) if p.status == "毕业"}
    assert graduated == {"赵一", "赵二"} and _class_of(db, pupils["赵一"], 2026) == ""


def test_the_window_asks_with_the_figures_of_the_school_type_it_shows(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    """Stored 九年一贯制, switched to 小学 in the dialog: preview, question and result all graduate 赵一 and 赵二."""
    from PySide6.QtWidgets import QMessageBox

    from schooldesk.ui.new_school_year_dialog import NewSchoolYearDialog
    from schooldesk.ui.state import AppState

    db, pupils, _ = school
    set_school_type(db, NINE_YEAR)
    dialog = NewSchoolYearDialog(AppState(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "升级6人" in dialog.summary.text() and "毕业0人" in dialog.summary.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(PRIMARY))
    summary = dialog.summary.text()
    assert "升级4人" in summary and "毕业2人" in summary, summary
    question = dialog.confirm_start()
    assert question is not None and "升级4人" in question.text() and "毕业2人" in question.text(), question.text()
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert school_type(db) == PRIMARY
    after = {p.name: p.status for p in list_pupils(db, 2026, today=date(2026, 9, 1))}
    assert after["赵一"] == after["赵二"] == "毕业" and _class_of(db, pupils["王一"], 2026) == "六年级(1)班"


def test_statuses_recorded_before_the_history_keep_their_days_through_the_migration(data_dir) -> None:  # type: ignore[no-untyped-def]
    """A pupil who graduated on 10 July 2025 was on roll before it; an undated 在读 always was; a 转入 dated
    1 March 2026 had not come before it."""
    from sqlalchemy import text

    from schooldesk.db.database import database_path, make_engine
    from schooldesk.db.migrate import run_alembic

    data_dir.mkdir(parents=True)
    engine = make_engine(database_path(data_dir))
    run_alembic(engine, "20261201_0011")
    with engine.begin() as conn:
        for pid, name, status, day in ((1, "赵一", "毕业", "2025-07-10"), (2, "王一", "在读", None),
                                       (3, "孙二", "转入", "2026-03-01")):
            conn.execute(text(
                "INSERT INTO pupil (id, name, name_keys, gender, ethnicity, id_type, status, status_date, "
                "household_registration, address, boarding, way_to_school) "
                "VALUES (:id, :name, '', '男', '', '', :status, :day, '', '', '', '')"),
                {"id": pid, "name": name, "status": status, "day": day})
    engine.dispose()
    db = open_as_command(data_dir)
    try:
        on = {day: {p.name: p.status for p in list_pupils(db, 2025, today=day)}
              for day in (date(2025, 7, 9), date(2025, 7, 10), date(2026, 3, 1))}
        assert on[date(2025, 7, 9)] == {"赵一": "在读", "王一": "在读", "孙二": "转入"}  # not yet come: as stored
        assert on[date(2025, 7, 10)]["赵一"] == on[date(2026, 3, 1)]["赵一"] == "毕业"
        assert count_pupils_on_roll(db, date(2025, 7, 9)) == 2 and count_pupils_on_roll(db, date(2026, 3, 1)) == 2
    finally:
        db.close()
