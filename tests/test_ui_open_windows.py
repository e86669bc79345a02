"""Windows that stay open beside the main window — a pupil's profile, a child's 送教上门 log, a mentoring pair —
show what the database holds now: a change made elsewhere refreshes them, and when their record is deleted
elsewhere they say so and close (a clerk must not print from a stale window)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.db.backups import take_backup
from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching import PlanInput, add_plan
from schooldesk.services.mentorship import PairInput, add_pair
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.dialogs.support_dialog import SupportDialog
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.pupil_profile import PupilProfileWindow
from schooldesk.ui.state import OBSERVATIONS, AppState
from tests.builders import make_id

AUTUMN = SemesterKey(2025, 1)
PAGE_HOME_TEACHING, PAGE_MENTORING = 3, 5
GONE = "已在别处删除"


def _said_gone() -> str:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "noticeBox" and w.isVisible()]
    return "\n".join(box.text() for box in boxes)


def _main_window(qtbot, db: Database, page: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    window.nav.setCurrentRow(page)
    return window


def _yes(box: QMessageBox | None) -> None:
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()


def test_a_profile_shows_support_added_in_another_window_and_closes_when_a_restore_removes_the_pupil(
        qtbot, zh_app, school_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    before_the_pupil = take_backup(db.path, tmp_path / "backups").path
    birth = date(2015, 3, 4)
    pupil = add_pupil(db, PupilInput(name="王小明", gender="男", birth_date=birth, id_number=make_id(birth, "男"),
                                     school_year=2025))
    teacher = add_teacher(db, TeacherInput("李春梅", "女")).id
    state = AppState(db)
    profile = PupilProfileWindow(state, pupil)
    qtbot.addWidget(profile)
    profile.show()
    assert profile.support_model.rowCount() == 0
    timeline_before = profile.timeline_model.rowCount()

    other = PupilProfileWindow(state, pupil)  # the same pupil opened again, e.g. from the home page
    qtbot.addWidget(other)
    other.show()
    other.add_support()
    dialog = next(w for w in other.findChildren(SupportDialog) if w.isVisible())
    dialog.teacher.set_teacher(teacher)
    dialog.content.setPlainText("数学课后辅导")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible(), [dialog.form.error_text(f) for f in ("date", "teacher", "kind", "content")]
    assert profile.support_model.rowCount() == 1, "the first window shows the record saved in the second"
    assert profile.timeline_model.rowCount() == timeline_before + 1
    other.close()

    state.restore(before_the_pupil)  # a backup from before the pupil was entered
    assert not profile.isVisible(), "nothing left to show: the window closed"
    assert GONE in _said_gone() and "该学生已不存在" in _said_gone()


def test_a_home_teaching_log_follows_its_plan_edited_on_the_page_and_closes_when_the_plan_is_deleted(
        qtbot, zh_app, home) -> None:  # type: ignore[no-untyped-def]
    db, pupil, teachers, _number = home
    add_plan(db, pupil, AUTUMN, PlanInput(start_date=date(2025, 9, 1), end_date=date(2026, 1, 16),
                                             teacher_ids=teachers[:1], goals=("生活自理",), schedule="每周二上午"))
    window = _main_window(qtbot, db, PAGE_HOME_TEACHING)
    page = window.current_page()
    page.table.selectRow(0)
    log_window = page.open_selected()
    qtbot.addWidget(log_window)
    assert "每周二上午" in log_window.summary.text().replace("\u2060", "")

    page.edit_selected()  # the plan changed on the page, behind the open log
    dialog = _visible_plan_dialog(page)
    dialog.schedule.setText("每周四下午")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert "每周四下午" in log_window.summary.text().replace("\u2060", "") and "每周二上午" not in log_window.summary.text().replace("\u2060", "")

    _yes(page.confirm_delete())
    assert not log_window.isVisible()
    assert GONE in _said_gone() and "该送教计划已不存在" in _said_gone()


def _visible_plan_dialog(page):  # type: ignore[no-untyped-def]
    from schooldesk.ui.dialogs.home_teaching_dialogs import PlanDialog

    return next(w for w in page.findChildren(PlanDialog) if w.isVisible())


def test_a_pair_window_counts_an_observation_recorded_elsewhere_and_closes_when_the_pair_is_deleted(
        qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    mentor, apprentice = (add_teacher(db, TeacherInput(n, g)).id for n, g in (("王秀英", "女"), ("李小青", "女")))
    add_pair(db, PairInput(school_year=2025, mentor_id=mentor, apprentice_id=apprentice, subject="语文",
                           pairing_type="入门式", agreement_date=date(2025, 9, 10)))
    window = _main_window(qtbot, db, PAGE_MENTORING)
    page = window.current_page()
    page.table.selectRow(0)
    pair_window = page.open_selected()
    qtbot.addWidget(pair_window)
    assert pair_window.activity_model.rowCount() == 0

    add_observation(db, ObservationInput(observer_id=mentor, taught_teacher_id=apprentice, class_id=None,
                                         subject="语文", topic="《掌声》", lesson_type="新授课", kind="师徒听课",
                                         date=date(2025, 10, 16), period=2), today=date(2025, 10, 20))
    window.state.notify_changed(OBSERVATIONS)  # what the 听课评课 page announces after a save
    assert pair_window.activity_model.rowCount() == 1, "the observation between the two counts for the pair"

    _yes(page.confirm_delete())
    assert not pair_window.isVisible()
    assert GONE in _said_gone() and "该师徒结对已不存在" in _said_gone()
