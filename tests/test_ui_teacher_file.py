"""The teacher's file through the real widgets: the office opens a teacher's file from the staff list, adds
training and an honour, deletes one, prints the file; a teacher sees their own file without its 师德 tab; the
observation form offers the observer from outside; a visit received puts its 整改 item on the home page."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pypdf import PdfReader

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.login import SignedIn
from schooldesk.services.observations import list_observations
from schooldesk.services.outside_observers import OutsideObserverInput, add_outside_observer
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teacher_records import EthicsInput, add_teacher_record, teacher_records
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState

AUTUMN = SemesterKey(2025, 1)


@pytest.fixture
def staff(school_db: Database):  # type: ignore[no-untyped-def]
    ids = [add_teacher(school_db, TeacherInput(n, g, subjects="语文")).id
           for n, g in (("王秀英", "女"), ("李小青", "女"), ("赵国强", "男"))]
    add_teacher_record(school_db, EthicsInput(teacher_id=ids[1], kind="承诺书", date=date(2025, 9, 1),
                                              content="签订师德承诺书"), today=date(2025, 12, 1))
    return school_db, ids


def _window(qtbot, db: Database, user: SignedIn | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    return window


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _yes(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    box = next(w for w in parent.findChildren(QMessageBox) if w.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()


def test_the_office_keeps_a_teachers_file_and_prints_it(qtbot, zh_app, staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, (_wang, li, _zhao) = staff
    window = _window(qtbot, db)
    page = window.open_page("TeachersPage")
    page.select_where(lambda t: t.id == li)
    files = page.open_file()
    qtbot.addWidget(files)
    qtbot.waitExposed(files)
    assert "李小青" in files.windowTitle() and files.tabs.isTabVisible(files.tabs.indexOf(files.tables["teacher_ethics"]))
    dialog = files.add_record()  # the first tab: training
    qtbot.waitExposed(dialog)
    dialog.programme.setText("县小学语文骨干教师培训")
    dialog.level.setCurrentText("县级")
    dialog.start.set_value(date(2025, 10, 8))
    dialog.end.set_value(date(2025, 10, 10))
    dialog.hours.setValue(24)
    _save(dialog)
    assert not dialog.isVisible() and files.models["teacher_training"].rowCount() == 1
    assert "培训学时：24" in files.summary.text().replace("\u2060", "")  # the hours counted at the top
    files.tabs.setCurrentWidget(files.tables["teacher_honour"])
    honour = files.add_record()
    honour.title.setText("县级优质课评选")
    honour.award.setText("一等奖")
    honour.date.set_value(date(2025, 11, 20))
    _save(honour)
    files.tables["teacher_honour"].selectRow(0)
    files.confirm_delete()
    _yes(qtbot, files)
    assert files.models["teacher_honour"].rowCount() == 0 and teacher_records(db, li).honours == ()
    files.grab().save(str(tmp_path / "teacher-file.png"))
    files.preview = None
    files.print_file()
    qtbot.waitUntil(lambda: files.preview is not None, timeout=20000)
    qtbot.addWidget(files.preview)
    text = "".join(p.extract_text() for p in PdfReader(files.preview.pdf).pages)
    assert "县小学语文骨干教师培训" in text and "签订师德承诺书" in text


def test_a_teacher_sees_their_own_file_without_its_ethics(qtbot, zh_app, staff) -> None:  # type: ignore[no-untyped-def]
    db, (_wang, li, zhao) = staff
    window = _window(qtbot, db, SignedIn(user_id=8, username="li", role="teacher", teacher_id=li))
    page = window.open_page("TeachersPage")
    files = page.open_file()  # nothing chosen: her own
    qtbot.addWidget(files)
    assert files.teacher_id == li and files.file is not None and files.file.ethics is None
    assert not files.tabs.isTabVisible(files.tabs.indexOf(files.tables["teacher_ethics"]))
    assert files.add_button.isEnabled()  # her own training and honours are hers to record
    page.select_where(lambda t: t.id == zhao)
    other = page.open_file()
    qtbot.addWidget(other)
    assert other.file is None  # refused, said in a message; nothing of his shown


def test_the_observation_form_offers_the_observer_from_outside(qtbot, zh_app, staff) -> None:  # type: ignore[no-untyped-def]
    db, (_wang, li, _zhao) = staff
    visitor = add_outside_observer(db, OutsideObserverInput(name="周建国", post="教研员", organisation="县教研室"))
    window = _window(qtbot, db)
    page = window.open_page("ObservationsPage")
    dialog = page.new_record()
    qtbot.waitExposed(dialog)
    assert dialog.observer.findText("周建国（县教研室 教研员）") > dialog.observer.findText("赵国强")
    assert dialog.taught.findText("周建国（县教研室 教研员）") < 0 and dialog.taught.findText("周建国") < 0
    dialog.observer.set_teacher(visitor.id)
    dialog.taught.set_teacher(li)
    dialog.date.set_value(date(2025, 10, 14))
    dialog.topic.setText("《秋天的雨》")
    _save(dialog)
    assert not dialog.isVisible()
    assert [o.observer.name for o in list_observations(db, AUTUMN)] == ["周建国（县教研室 教研员）"]


def test_a_visit_received_puts_its_item_on_the_home_page_until_closed(qtbot, zh_app, staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = staff
    window = _window(qtbot, db)
    page = window.open_page("TeachersPage")
    visits = page.open_visits()
    qtbot.addWidget(visits)
    dialog = visits.add_record()
    qtbot.waitExposed(dialog)
    dialog.visitors.setText("县教育局 张华")
    dialog.feedback.setPlainText("作业批改需加强")
    dialog.actions.item(0, 0).setText("作业批改补充批语")
    dialog.actions.item(0, 1).setText("2099-12-31")
    _save(dialog)
    assert not dialog.isVisible() and visits.model.rowCount() == 1
    visits.grab().save(str(tmp_path / "visits.png"))
    window.nav.setCurrentRow(0)
    home = window.current_page()
    home.refresh_families()
    rows = home.due_model.rows()
    at = next(n for n, item in enumerate(rows) if "整改：作业批改补充批语" in item.what)
    opened = home.open_due(home.due_model.index(at, 0))  # where it is closed
    qtbot.addWidget(opened)
    assert opened.objectName() == "SchoolVisitsWindow"
    visits.table.selectRow(0)
    again = visits.edit_record()
    again.actions.item(0, 2).setText("2099-13-01")  # not a date
    _save(again)
    assert again.isVisible() and "2026-11-30" in again.form.error_text("actions")  # shown how to write it
