"""送教上门 through the real widgets: plan, visit with two teachers and a dropped photo, compliance, preview."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey, TermDates, school_year_of
from schooldesk.services.home_teaching import PlanInput, add_plan, list_plans, list_visits
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.semesters import set_school_year
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.dialogs.home_teaching_dialogs import HomeVisitDialog, PlanDialog
from schooldesk.ui.home_teaching_window import HomeTeachingWindow
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.pages.home import HomePage
from schooldesk.ui.pages.home_teaching import HomeTeachingPage
from schooldesk.ui.print_preview import PdfPreviewDialog
from schooldesk.ui.state import AppState
from tests.builders import make_id, photo

PAGE_HOME, PAGE_HOME_TEACHING, PAGE_SETTINGS = 0, 3, 12
MONTH_VISITS, MONTH_STANDING = 2, 4


@pytest.fixture
def people(school_db: Database):  # type: ignore[no-untyped-def]
    teachers = (add_teacher(school_db, TeacherInput("李春梅", "女")).id, add_teacher(school_db, TeacherInput("赵国强", "男")).id)
    birth = date(2014, 5, 6)
    add_pupil(school_db, PupilInput(name="王芳", gender="女", birth_date=date(2015, 1, 1),
                                    id_number=make_id(date(2015, 1, 1), "女", serial=2), school_year=2025))
    pupil = add_pupil(school_db, PupilInput(name="陈小宇", gender="男", birth_date=birth, id_number=make_id(birth, "男", serial=7),
                                            status="送教上门", school_year=2025))
    return school_db, teachers, pupil


def _window(qtbot, db: Database, page: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(page)
    return window


def _visible(kind: type) -> QDialog:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def _drop_files(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """What Explorer does when photos are dragged onto the list."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def _month_row(window: HomeTeachingWindow, label: str) -> int:
    return next(r for r in range(window.month_model.rowCount()) if window.month_model.index(r, 0).data() == label)


def test_plan_visit_with_two_teachers_and_a_photo_then_preview(qtbot, zh_app, people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, teachers, pupil_id = people
    window = _window(qtbot, db, PAGE_HOME_TEACHING)
    autumn = next(s for s in window.state.semesters if s.key == SemesterKey(2025, 1))
    window.state.choose_semester(autumn)
    page: HomeTeachingPage = window.pages[PAGE_HOME_TEACHING][1]  # type: ignore[assignment]
    assert page.model.rowCount() == 0

    page.new_button.click()
    plan_dialog: PlanDialog = _visible(PlanDialog)  # type: ignore[assignment]
    assert plan_dialog.pupil.itemText(0).startswith("★ 陈小宇")  # the child taught at home is offered first
    assert plan_dialog.pupil.currentIndex() == -1  # but not chosen for the clerk
    plan_dialog.buttons.button(plan_dialog.buttons.StandardButton.Save).click()
    assert plan_dialog.isVisible() and plan_dialog.form.error_text("pupil")
    plan_dialog.pupil.setCurrentIndex(0)
    plan_dialog.buttons.button(plan_dialog.buttons.StandardButton.Save).click()
    assert plan_dialog.isVisible() and plan_dialog.form.error_text("teachers")  # no teacher ticked yet
    for teacher_id in teachers:
        plan_dialog.teachers.set_checked(teacher_id)
    plan_dialog.goals.boxes["康复训练"].setChecked(True)
    plan_dialog.schedule.setText("每月第一、三周周三下午")
    plan_dialog.buttons.button(plan_dialog.buttons.StandardButton.Save).click()
    assert plan_dialog.past_start_question is not None  # the semester is gone: its months are judged at once
    plan_dialog.past_start_question.button(QMessageBox.StandardButton.Yes).click()
    assert not plan_dialog.isVisible()
    assert page.model.rowCount() == 1 and page.model.index(0, 2).data() == "李春梅、赵国强"

    page.table.selectRow(0)
    log_window = page.open_selected()
    assert log_window is not None and log_window.isVisible()
    october = _month_row(log_window, "2025年10月")
    assert log_window.month_model.index(october, MONTH_VISITS).data() == "0"
    assert log_window.month_model.index(october, MONTH_STANDING).data() == "未达标"

    picture = photo(tmp_path / "IMG_2041.jpg")
    for day in (date(2025, 10, 8), date(2025, 10, 22)):
        dialog = log_window.add_visit()
        assert dialog is not None
        dialog.date.set_value(day)
        dialog.start_time.setTime(dialog.start_time.time().fromString("14:00", "HH:mm"))
        dialog.end_time.setTime(dialog.end_time.time().fromString("15:30", "HH:mm"))
        assert dialog.length.text() == "1小时30分钟，2.2课时"
        assert dialog.teachers.checked_ids() == teachers  # the plan's teachers, ticked
        dialog.kinds.boxes["文化知识"].setChecked(True)
        dialog.content.setPlainText("认读汉字“山、水”")
        dialog.feedback.setPlainText("希望多练习写字")
        if day.day == 8:
            _drop_files(dialog.photos.list, [picture, tmp_path / "notes.txt"])
            assert dialog.photos.list.count() == 1  # only pictures are taken
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert not dialog.isVisible(), dialog.form.error_text("date")

    plan_id = list_plans(db, SemesterKey(2025, 1), date(2025, 10, 1))[0].plan.id
    visits = list_visits(db, plan_id)
    assert [v.teacher_names for v in visits] == ["李春梅、赵国强"] * 2
    assert len(visits[0].photos) == 1 and visits[0].photos[0].path.is_file()
    assert log_window.month_model.index(october, MONTH_VISITS).data() == "2"
    assert log_window.month_model.index(october, MONTH_STANDING).data() == "达标"

    log_window.visit_table.selectRow(0)
    log_window.print_visit()  # written off the GUI thread, then previewed
    qtbot.waitUntil(lambda: log_window.preview is not None, timeout=30000)
    preview = log_window.preview
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QLabel

    note = preview.findChild(QLabel, "noPrinterNote")
    if QPrinterInfo.availablePrinterNames():
        assert note is None and preview.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    else:  # no printer on this PC (the CI machines, Linux and Windows, have none): laid out as a PDF, and said
        assert note is not None and "打印机" in note.text()
        assert preview.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    widget = preview.preview_widget()
    widget.updatePreview()
    assert widget.pageCount() == 1  # the PDF's one page, drawn onto the printer
    saved = tmp_path / "saved.pdf"
    assert preview.save_to(saved)
    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "陈小宇" in text and "2025年10月8日" in text and "送教教师签名" in text
    preview.close()

    log_window.preview = None
    log_window.print_log_button.click()
    qtbot.waitUntil(lambda: log_window.preview is not None, timeout=30000)
    log_preview = log_window.preview
    assert "学期" in log_preview.windowTitle()
    log_preview.preview_widget().updatePreview()
    assert log_preview.preview_widget().pageCount() >= 1
    log_preview.close()
    log_window.close()


def test_home_page_lists_children_behind_this_month(qtbot, zh_app, people) -> None:  # type: ignore[no-untyped-def]
    db, teachers, pupil_id = people
    today = date.today()
    year = school_year_of(today)
    term1 = TermDates(SemesterKey(year, 1), date(year, 9, 1), date(year + 1, 1, 31))
    term2 = TermDates(SemesterKey(year, 2), date(year + 1, 2, 1), date(year + 1, 7, 31))
    current = next((t for t in (term1, term2) if t.contains(today)), None)
    if current is None:
        pytest.skip("today is in the summer holiday: no term covers it")
    set_school_year(db, term1, term2)
    add_plan(db, pupil_id, current.key, PlanInput(current.start, current.end, teachers, ("康复训练",)))
    window = _window(qtbot, db, PAGE_HOME)
    home: HomePage = window.pages[PAGE_HOME][1]  # type: ignore[assignment]
    assert home.home_model.rowCount() == 1
    assert home.home_model.index(0, 0).data() == "陈小宇"
    assert home.home_model.index(0, 2).data() == "李春梅、赵国强"
    assert home.home_model.index(0, 3).data().startswith("0 / ")
    assert "1" in home.home_title.text()


def test_settings_change_the_rule_from_a_month_and_choose_a_font(qtbot, zh_app, people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from schooldesk.services.home_teaching_rules import visit_rules
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.ui.pages.settings import SettingsPage

    db, _, _ = people
    window = _window(qtbot, db, 5)
    settings: SettingsPage = window.pages[PAGE_SETTINGS][1]  # type: ignore[assignment]
    box = settings.home_teaching_rule
    assert (box.min_visits.value(), box.periods.value(), box.minutes.value()) == (2, 2, 40)  # the default
    box.min_visits.setValue(4)
    box.per.setCurrentIndex(box.per.findData("week"))
    box.effective.set_value(date(2025, 11, 17))
    box.save_button.click()
    [rule] = visit_rules(db)
    assert (rule.per, rule.min_visits, rule.effective_from) == ("week", 4, date(2025, 11, 1))
    not_a_font = tmp_path / "readme.ttf"
    not_a_font.write_text("not a font", encoding="utf-8")
    box.set_font(not_a_font)
    notice = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                  and w.objectName() == "errorBox")
    assert "TrueType" in notice.text() and pdf_font_path(db) is None
    notice.close()
    wqy = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    box.set_font(wqy)
    assert pdf_font_path(db) == wqy and box.font_path.text() == str(wqy)


def test_closing_an_edited_form_asks_first(qtbot, zh_app, home) -> None:  # type: ignore[no-untyped-def]
    """Esc / Cancel / the close button on a form with typing in it asks; nothing is lost silently."""
    from PySide6.QtWidgets import QMessageBox

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, SemesterKey(2025, 1), PlanInput(date(2025, 9, 1), date(2026, 1, 31), teachers, ("康复训练",)))
    dialog = HomeVisitDialog(db, plan)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.reject()  # untouched: closes at once
    assert not dialog.isVisible() and dialog.discard_question is None

    dialog = HomeVisitDialog(db, plan)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.date.set_value(date(2025, 10, 8))
    dialog.kinds.boxes["文化知识"].setChecked(True)
    dialog.content.setPlainText("认读汉字")
    dialog.close()
    question = dialog.discard_question
    assert question is not None and question.isVisible() and dialog.isVisible()
    question.button(QMessageBox.StandardButton.Cancel).click()  # keep editing
    assert dialog.isVisible() and dialog.content.text() == "认读汉字"
    dialog.reject()
    dialog.discard_question.button(QMessageBox.StandardButton.Save).click()  # save from the question
    assert not dialog.isVisible()
    assert [v.content for v in list_visits(db, plan.id)] == ["认读汉字"]

    dialog = HomeVisitDialog(db, plan)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.content.setPlainText("写错了")
    dialog.reject()
    dialog.discard_question.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible() and len(list_visits(db, plan.id)) == 1


def test_a_plan_made_late_in_term_starts_today_and_a_past_start_asks_first(qtbot, zh_app, people) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.care import CareInput, add_care
    from schooldesk.services.home_teaching import list_plans

    db, teachers, pupil_id = people
    state = AppState(db)
    autumn = next(s for s in state.semesters if s.key == SemesterKey(2025, 1))
    dialog = PlanDialog(db, autumn, today=date(2025, 11, 24))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start.value() == date(2025, 11, 24)  # not 1 September: September and October are not failed
    add_care(db, pupil_id, CareInput("disabled", date(2025, 10, 10), details={"placement": "送教上门"}))
    dialog = PlanDialog(db, autumn, today=date(2025, 11, 24))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pupil.currentIndex() == -1
    dialog.pupil.setCurrentIndex(dialog.pupil.findData(pupil_id))
    assert dialog.start.value() == date(2025, 10, 10)  # placed then
    dialog.pupil.setCurrentIndex(dialog.pupil.findData(next(
        dialog.pupil.itemData(i) for i in range(dialog.pupil.count()) if dialog.pupil.itemData(i) != pupil_id)))
    assert dialog.start.value() == date(2025, 11, 24)  # another child, no placement: today
    dialog.pupil.setCurrentIndex(dialog.pupil.findData(pupil_id))
    dialog.start.set_value(date(2025, 9, 1))
    dialog._start_edited()
    for teacher_id in teachers:
        dialog.teachers.set_checked(teacher_id)
    dialog.goals.boxes["康复训练"].setChecked(True)
    dialog.try_save()
    question = dialog.past_start_question
    assert question is not None and question.isVisible()
    assert "2025年9月、2025年10月、2025年11月" in question.text()
    question.button(QMessageBox.StandardButton.No).click()
    assert dialog.isVisible() and list_plans(db, autumn.key, date(2025, 11, 24)) == []  # nothing saved
    dialog.try_save()
    dialog.past_start_question.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    [saved] = list_plans(db, autumn.key, date(2025, 11, 24))
    assert saved.plan.start_date == date(2025, 9, 1) and not dialog.isVisible()


def test_the_teacher_picker_filters_shows_ten_and_names_the_chosen(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    """23 teachers: at least ten rows in view, a find box (name or pinyin initials), the ticked ones above."""
    from schooldesk.ui.fields import TeacherChecklist

    names = ["李春梅", "赵国强", "张丽娟", "王秀英", "刘志强", "陈静", "杨海燕", "黄建国", "周春花", "吴晓东", "徐玉兰",
             "孙永刚", "马俊杰", "朱雪梅", "胡文斌", "郭慧敏", "何桂芳", "高明辉", "林小红", "罗建平", "梁卫东", "宋玉珍",
             "郑淑珍"]
    ids = {name: add_teacher(school_db, TeacherInput(name, "女")).id for name in names}
    from schooldesk.services.teachers import list_teachers

    picker = TeacherChecklist(list_teachers(school_db), (ids["赵国强"],))
    qtbot.addWidget(picker)
    picker.resize(360, 400)
    picker.show()
    row = picker.list.sizeHintForRow(0)
    assert picker.list.viewport().height() >= 10 * row  # ten names visible without scrolling
    assert picker.chosen_label.text() == "已选：赵国强"
    picker.find.setText("lcm")  # pinyin initials
    shown = [picker.list.item(r).text() for r in range(picker.list.count()) if not picker.list.item(r).isHidden()]
    assert shown == ["李春梅"]
    picker.set_checked(ids["李春梅"])
    picker.find.setText("郑")
    picker.set_checked(ids["郑淑珍"])
    assert picker.checked_ids() == (ids["赵国强"], ids["李春梅"], ids["郑淑珍"])  # in the order ticked
    assert picker.chosen_label.text() == "已选：赵国强、李春梅、郑淑珍"
    picker.find.clear()
    assert all(not picker.list.item(r).isHidden() for r in range(picker.list.count()))
