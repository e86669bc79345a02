"""Pupils through the real widgets: the form's ID check, profile records, import preview, home overdue list."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from schooldesk.db.database import Database
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.classes import add_class
from schooldesk.services.pupils import PupilInput, add_pupil, list_pupils
from schooldesk.services.rows import ClassInput, TeacherInput
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.dialogs.care_dialog import CareDialog
from schooldesk.ui.dialogs.dropout_dialogs import CloseCaseDialog, OpenCaseDialog, VisitDialog
from schooldesk.ui.dialogs.pupil_dialog import PupilDialog
from schooldesk.ui.dialogs.support_dialog import SupportDialog
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.pages.pupils import PupilsPage
from schooldesk.ui.state import AppState
from tests.builders import NATIONAL_HEADER, make_id, write_xlsx
from tests.test_pupil_import import row as roster_row

PAGE_PUPILS = 1
BIRTH = date(2015, 3, 4)
GOOD_ID = make_id(BIRTH, "女")


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(PAGE_PUPILS)
    return window


def _visible(kind: type) -> QDialog:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def test_wrong_check_digit_is_shown_at_the_field_and_nothing_is_saved(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db)
    page: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    page.new_button.click()
    dialog: PupilDialog = _visible(PupilDialog)  # type: ignore[assignment]
    dialog.name.setText("张书涵")
    dialog.gender.setCurrentText("女")
    wrong = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
    dialog.id_number.setText(wrong)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "校验码" in dialog.form.error_text("id_number")
    assert list_pupils(school_db, 2025) == []
    dialog.id_number.setText(GOOD_ID)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    [pupil] = list_pupils(school_db, 2025)
    assert pupil.birth_date == BIRTH  # read from the ID number
    assert page.model.rowCount() == 1
    shown = page.proxy.index(0, 5).data()
    assert "*" in shown and GOOD_ID not in shown  # masked in the list


def test_pinyin_initials_find_the_pupil(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    add_pupil(school_db, PupilInput(name="张书涵", gender="女", id_number=GOOD_ID))
    add_pupil(school_db, PupilInput(name="李明", gender="男", id_number=make_id(BIRTH, "男", serial=2)))
    window = _window(qtbot, school_db)
    page: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    assert page.proxy.rowCount() == 2
    qtbot.keyClicks(page.find_box, "zsh")
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 0).data() == "张书涵"
    page.find_box.setText(GOOD_ID[-6:])
    assert page.proxy.rowCount() == 1
    page.find_box.clear()
    page.care_box.setCurrentIndex(page.care_box.findData(LEFT_BEHIND))
    assert page.proxy.rowCount() == 0


def test_profile_category_support_and_case_with_two_visits(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    teacher = add_teacher(school_db, TeacherInput("王老师", "女"))
    add_teacher(school_db, TeacherInput("赵校长", "男"))
    pupil_id = add_pupil(school_db, PupilInput(name="张书涵", gender="女", id_number=GOOD_ID))
    window = _window(qtbot, school_db)
    page: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    page.select_pupil(pupil_id)
    profile = page.open_profile()
    qtbot.addWidget(profile)

    profile.add_care_button.click()
    care: CareDialog = _visible(CareDialog)  # type: ignore[assignment]
    care.kind.setCurrentIndex(care.kind.findData(LEFT_BEHIND))
    care.details[LEFT_BEHIND]["kind"].setCurrentText("双亲外出")  # type: ignore[attr-defined]
    care.details[LEFT_BEHIND]["parents_work"].setText("浙江义乌")  # type: ignore[attr-defined]
    care.teacher.set_teacher(teacher.id)
    assert care.try_save()
    assert profile.care_model.rowCount() == 1
    assert "双亲外出" in profile.care_model.index(0, 1).data()

    profile.add_support_button.click()
    support: SupportDialog = _visible(SupportDialog)  # type: ignore[assignment]
    assert support.teacher.teacher_id() == teacher.id  # the responsible teacher is proposed
    assert not support.try_save()  # nothing said about what was done
    assert support.form.error_text("content")
    support.content.setPlainText("谈心，了解在家学习情况")
    assert support.try_save()
    assert profile.support_model.rowCount() == 1

    profile.open_case_button.click()
    opened: OpenCaseDialog = _visible(OpenCaseDialog)  # type: ignore[assignment]
    opened.started.set_value(date.today() - timedelta(days=5))
    opened.reason.setCurrentText("厌学")
    assert opened.try_save()
    assert profile.add_visit_button.isEnabled() and not profile.open_case_button.isEnabled()
    for who, result in (("王老师、村主任", "考虑中"), ("王老师、赵校长", "同意返校")):
        profile.add_visit_button.click()
        visit: VisitDialog = _visible(VisitDialog)  # type: ignore[assignment]
        visit.visitors.setText(who)
        visit.result.setCurrentText(result)
        assert visit.try_save()
    assert profile.case_model.index(0, 2).data() == "2"
    profile.close_case_button.click()
    closing: CloseCaseDialog = _visible(CloseCaseDialog)  # type: ignore[assignment]
    closing.outcome.setCurrentText("返校")
    assert closing.try_save()
    assert profile.case_model.rowCount() == 1  # closed, still on file
    assert profile.timeline_model.rowCount() >= 6
    assert "张书涵" in profile.summary.text() and GOOD_ID not in profile.summary.text()


def test_import_preview_shows_row_problems_and_imports_on_confirm(qtbot, zh_app, school_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "roster.xlsx", [
        NATIONAL_HEADER,
        roster_row("张书涵", "女", "2015-03-04", GOOD_ID),
        roster_row("李明", "男", "2015-01-01", GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")),
        roster_row("王小五", "男", "2015-01-01", make_id(date(2015, 1, 1), "男", serial=3)),
    ])
    window = _window(qtbot, school_db)
    page: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    dialog = page.open_import()
    qtbot.addWidget(dialog)
    task = dialog.preview(path)
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "3" and dialog.model.index(0, 1).data() == "身份证件号"
    assert "2" in dialog.summary.text() and "尚未写入" in dialog.summary.text()
    assert list_pupils(school_db, 2025) == []  # preview wrote nothing
    problems = tmp_path / "problems.xlsx"
    dialog.write_problems(problems)
    import openpyxl

    sheet = openpyxl.load_workbook(problems).active
    assert sheet["A2"].value == 3 and "校验码" in sheet["B2"].value and sheet["C2"].value == "李明"
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30000)  # type: ignore[union-attr]
    assert {p.name for p in list_pupils(school_db, 2025)} == {"张书涵", "王小五"}
    assert page.model.rowCount() == 2
    assert not dialog.import_button.isEnabled()


def test_home_page_lists_overdue_support(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    teacher = add_teacher(school_db, TeacherInput("王老师", "女"))
    class_id = add_class(school_db, ClassInput(2025, 3, 2)).id
    pupil_id = add_pupil(school_db, PupilInput(name="张书涵", gender="女", id_number=GOOD_ID, school_year=2025,
                                               class_id=class_id))
    add_care(school_db, pupil_id, CareInput(LEFT_BEHIND, date.today() - timedelta(days=60), None, teacher.id))
    window = MainWindow(AppState(school_db))
    qtbot.addWidget(window)
    home = window.pages[0][1]
    assert home.overdue_model.rowCount() == 1  # type: ignore[attr-defined]
    assert home.overdue_model.index(0, 0).data() == "张书涵"  # type: ignore[attr-defined]
    assert home.overdue_model.index(0, 3).data() == "王老师"  # type: ignore[attr-defined]


def test_support_records_and_return_visits_open_edit_and_delete(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Double-click or Enter opens a record; edit saves; delete asks first; both are in the audit trail."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from schooldesk.services.audit import list_audit
    from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, open_case
    from schooldesk.services.support import SupportInput, add_support

    teacher = add_teacher(school_db, TeacherInput("王老师", "女"))
    pupil_id = add_pupil(school_db, PupilInput(name="张书涵", gender="女", id_number=GOOD_ID))
    add_support(school_db, pupil_id, SupportInput(date.today() - timedelta(days=3), teacher.id, "谈心", "了解近况"))
    add_support(school_db, pupil_id, SupportInput(date.today() - timedelta(days=1), teacher.id, "学业辅导", "讲错题"))
    case = open_case(school_db, pupil_id, CaseInput(date.today() - timedelta(days=10), "厌学"))
    add_visit(school_db, case.id, VisitInput(date.today() - timedelta(days=8), "王老师", "母亲", "劝说", "考虑中"))
    window = _window(qtbot, school_db)
    page: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    page.select_pupil(pupil_id)
    profile = page.open_profile()
    qtbot.addWidget(profile)

    profile.tabs.setCurrentIndex(2)
    table = profile.support_table
    table.setFocus()
    table.selectRow(0)
    index = table.model().index(0, 0)
    table.setCurrentIndex(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    qtbot.wait(600)  # past the double-click interval: the next two clicks are one double-click
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    support: SupportDialog = _visible(SupportDialog)  # type: ignore[assignment]
    assert support.content.text() == "了解近况"
    support.outcome.setPlainText("情绪好转")
    assert support.try_save()
    assert profile.support_model.index(0, 4).data() == "情绪好转"

    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter opens it too
    second: SupportDialog = _visible(SupportDialog)  # type: ignore[assignment]
    assert second.content.text() == "讲错题"
    second.reject()
    question = profile.confirm_delete_support()
    assert question is not None and "学业辅导" in question.text()
    question.button(QMessageBox.StandardButton.No).click()
    assert profile.support_model.rowCount() == 2  # No keeps it
    profile.confirm_delete_support().button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert profile.support_model.rowCount() == 1

    profile.tabs.setCurrentIndex(3)
    visits = profile.visit_table
    visits.setFocus()
    visits.selectRow(0)
    visits.setCurrentIndex(visits.model().index(0, 0))
    qtbot.keyClick(visits, Qt.Key.Key_Return)
    visit: VisitDialog = _visible(VisitDialog)  # type: ignore[assignment]
    assert visit.met_with.text() == "母亲" and visit.result.currentText() == "考虑中"
    visit.result.setCurrentText("同意返校")
    assert visit.try_save()
    assert profile.visit_model.index(0, 3).data() == "同意返校"
    visits.selectRow(0)
    profile.confirm_delete_visit().button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert profile.visit_model.rowCount() == 0 and profile.case_model.index(0, 2).data() == "0"

    trail = [(r.action, r.table_name) for r in list_audit(school_db)]
    for expected in (("update", "support_record"), ("delete", "support_record"), ("update", "return_visit"),
                     ("delete", "return_visit")):
        assert expected in trail, expected


def test_home_page_lists_open_what_they_list(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Enter on an overdue pupil opens the profile at its support records; a double-click on a child behind
    in 送教上门 opens the child's visit log."""
    from PySide6.QtCore import Qt

    from schooldesk.domain.semester import default_term_dates, school_year_of
    from schooldesk.services.home_teaching import add_plan
    from schooldesk.services.semesters import current_semester_key, set_school_year
    from schooldesk.ui.home_teaching_window import HomeTeachingWindow
    from schooldesk.ui.pupil_profile import TABS, PupilProfileWindow
    from tests.builders import plan_input

    teacher = add_teacher(school_db, TeacherInput("王老师", "女"))
    pupil_id = add_pupil(school_db, PupilInput(name="张书涵", gender="女", id_number=GOOD_ID, school_year=2025))
    add_care(school_db, pupil_id, CareInput(LEFT_BEHIND, date.today() - timedelta(days=60), None, teacher.id))
    set_school_year(school_db, *default_term_dates(school_year_of(date.today())))  # a semester under way today
    key = current_semester_key(school_db, date.today())
    window = MainWindow(AppState(school_db))
    qtbot.addWidget(window)
    window.show()
    home = window.pages[0][1]
    table = home.overdue_table  # type: ignore[attr-defined]
    table.setFocus()
    table.selectRow(0)
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    profile: PupilProfileWindow = _visible(PupilProfileWindow)  # type: ignore[assignment]
    assert profile.pupil_id == pupil_id and profile.tabs.currentIndex() == TABS.index("support")
    profile.close()

    start = max(date.today().replace(day=1), next(s.start for s in window.state.semesters if s.key == key))
    end = next(s.end for s in window.state.semesters if s.key == key)
    if not start <= date.today() <= end:
        return  # a holiday between the terms: nobody is behind this month
    add_plan(school_db, pupil_id, key, plan_input((teacher.id,), start_date=start, end_date=end))
    window.state.notify_changed()
    behind = home.home_table  # type: ignore[attr-defined]
    assert behind.model().rowCount() == 1
    index = behind.model().index(0, 0)
    qtbot.mouseClick(behind.viewport(), Qt.MouseButton.LeftButton, pos=behind.visualRect(index).center())
    qtbot.wait(600)
    qtbot.mouseDClick(behind.viewport(), Qt.MouseButton.LeftButton, pos=behind.visualRect(index).center())
    log_window: HomeTeachingWindow = _visible(HomeTeachingWindow)  # type: ignore[assignment]
    assert "张书涵" in log_window.windowTitle()


def _big_roster(path: Path, count: int) -> Path:
    rows = [NATIONAL_HEADER]
    for serial in range(count):
        born = date(2014, 1, 1) + timedelta(days=serial % 700)
        rows.append(roster_row(f"学生{serial}", "男", born.isoformat(), make_id(born, "男", serial=serial % 499 + 1)))
    return write_xlsx(path, rows)


def test_a_3000_row_import_runs_off_the_gui_thread_with_progress(qtbot, zh_app, school_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window keeps repainting while 3,000 rows are checked and imported: a 20 ms timer keeps firing."""
    from PySide6.QtCore import QTimer
    from schooldesk.ui.import_dialog import ImportDialog

    path = _big_roster(tmp_path / "big.xlsx", 3000)
    window = _window(qtbot, school_db)
    dialog = ImportDialog(window.state, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    values: list[int] = []
    task = dialog.preview(path)
    totals: list[int] = []
    task.relay.progressed.connect(lambda done, total: (values.append(done), totals.append(total)))
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    assert dialog.report is not None and dialog.report.new == 3000
    assert len(ticks) >= 10, ticks  # the event loop turned all along
    assert len(values) > 3 and values == sorted(values) and min(totals) >= 3000  # forward, by row

    ticks.clear()
    task = dialog.run_import()
    qtbot.waitUntil(lambda: not task.running, timeout=120000)  # type: ignore[union-attr]
    timer.stop()
    assert len(ticks) >= 10 and len(list_pupils(school_db, 2025)) == 3000


def test_cancelling_an_import_keeps_nothing(qtbot, zh_app, school_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from schooldesk.ui.import_dialog import ImportDialog

    path = _big_roster(tmp_path / "big.xlsx", 1500)
    window = _window(qtbot, school_db)
    dialog = ImportDialog(window.state, window)
    qtbot.addWidget(dialog)
    task = dialog.preview(path)
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    task = dialog.run_import()
    cancel_button = task.dialog.findChild(QPushButton)  # type: ignore[union-attr]
    assert cancel_button is not None and cancel_button.text() == "取消"
    task.relay.progressed.connect(lambda _done, _total: cancel_button.click())  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not task.running, timeout=60000)  # type: ignore[union-attr]
    assert list_pupils(school_db, 2025) == []  # the one transaction rolled back
    assert "没有导入" in dialog.summary.text()
