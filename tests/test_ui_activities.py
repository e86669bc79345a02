"""活动记录 through the real widgets: each default kind created with its own fields, photos with a caption,
filters, print preview; a teacher edits only records they organised or took part in."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from schooldesk.db.database import Database
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.activities import ActivityInput, add_activity, list_activities
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.login import SignedIn
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.builders import make_id, photo

PAGE_ACTIVITIES = 6
AUTUMN = SemesterKey(2025, 1)


@pytest.fixture
def school(school_db: Database):  # type: ignore[no-untyped-def]
    db = school_db
    li, zhao = (add_teacher(db, TeacherInput(n, g)).id for n, g in (("李春梅", "女"), ("赵国强", "男")))
    ming = add_pupil(db, PupilInput(name="王小明", gender="男", birth_date=date(2015, 3, 1),
                                    id_number=make_id(date(2015, 3, 1), "男", serial=31), school_year=2025))
    add_care(db, ming, CareInput(LEFT_BEHIND, date(2025, 9, 1), responsible_teacher_id=li))
    return db, (li, zhao), ming


def _window(qtbot, db: Database, user: SignedIn | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    window.nav.setCurrentRow(PAGE_ACTIVITIES)
    return window


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_each_default_kind_with_photos_filters_and_preview(qtbot, zh_app, school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, (li, _zhao), ming = school
    window = _window(qtbot, db)
    page = window.current_page()
    assert page.objectName() == "ActivitiesPage"
    kinds = list_kinds(db)
    for number, (kind_id, spec) in enumerate(kinds.items()):
        dialog = page.new_record()
        qtbot.waitExposed(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind_id))
        assert sorted(dialog.values.inputs) == sorted(f.key for f in spec.shown_fields)  # the kind's own fields
        dialog.date.set_value(date(2025, 10, 1 + number))
        dialog.organiser.set_teacher(li)
        dialog.content.setPlainText(f"{spec.name}的内容")
        if spec.pupils:
            dialog.pupils.add_pupil(ming)
        if spec.code == "home_visit":
            dialog.values.inputs["way"].setCurrentText("入户")
            dialog.values.inputs["met_with"].setText("王奶奶")
            dialog.photos.list.add_files([photo(tmp_path / "IMG_0201.jpg", (1600, 1200)),
                                          photo(tmp_path / "IMG_0202.jpg", (1200, 1600))])
            dialog.photos.list.item(0).setText("与奶奶交流")
        if spec.code == "class_meeting":
            dialog.values.inputs["present"].setText("四十")
            _save(dialog)
            assert dialog.isVisible() and "整数" in dialog.values.error_text("value_present")  # refused at its field
            dialog.values.inputs["present"].setText("40")
        _save(dialog)
        assert not dialog.isVisible(), spec.name
    rows = list_activities(db, AUTUMN)
    assert sorted(r.kind.name for r in rows) == sorted(k.name for k in kinds.values())
    visit = next(r for r in rows if r.kind.code == "home_visit")
    assert visit.title == "家访" and visit.values["met_with"] == "王奶奶" and [p.caption for p in visit.photos] == ["与奶奶交流", ""]
    assert page.model.rowCount() == len(kinds)

    page.kind_filter.setCurrentIndex(page.kind_filter.findData(visit.kind_id))
    page.kind_filter.activated.emit(page.kind_filter.currentIndex())
    assert page.model.rowCount() == 1
    page.kind_filter.setCurrentIndex(0)
    page.pupil_filter.setCurrentIndex(page.pupil_filter.findData(ming))
    page.pupil_filter.activated.emit(page.pupil_filter.currentIndex())
    assert page.model.rowCount() == 2  # the 家访 and the 班会 he took part in
    page.find_box.setText("家访的内容")
    assert page.proxy.rowCount() == 1
    page.table.selectRow(0)
    page.print_button.click()
    qtbot.waitUntil(lambda: "preview" in page.shown, timeout=20000)
    preview = page.shown.pop("preview")
    qtbot.addWidget(preview)
    text = "".join(p.extract_text() for p in PdfReader(preview.pdf).pages)
    assert "家访记录表" in text and "王奶奶" in text and "与奶奶交流" in text and "家长（监护人）签名" in text
    page.blank_button.click()  # the blank form for the pupil chosen in the filter
    qtbot.waitUntil(lambda: "preview" in page.shown, timeout=20000)
    blank = page.shown.pop("preview")
    qtbot.addWidget(blank)
    assert "王小明" in "".join(p.extract_text() for p in PdfReader(blank.pdf).pages)
    page.tabs.setCurrentIndex(1)
    assert page.child_model.rowCount() == 1 and page.child_model.row_at(0).visits == 1


def test_a_teacher_edits_only_what_they_organised_or_took_part_in(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    db, (li, zhao), ming = school
    kinds = {spec.code: kind_id for kind_id, spec in list_kinds(db).items()}
    add_activity(db, ActivityInput(kind_id=kinds["safety"], title="消防演练", date=date(2025, 10, 9), organiser_id=li),
                 today=date(2025, 12, 1))
    add_activity(db, ActivityInput(kind_id=kinds["safety"], title="防溺水教育", date=date(2025, 10, 10), organiser_id=li,
                                   teacher_ids=(zhao,)), today=date(2025, 12, 1))
    window = _window(qtbot, db, SignedIn(user_id=5, username="zhao", role="teacher", teacher_id=zhao))
    page = window.current_page()
    rows = {page.model.row_at(r).title: r for r in range(page.model.rowCount())}
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(rows["消防演练"], 0)).row())
    assert not page.delete_button.isEnabled() and page.edit_button.text() == "查看(&V)…"
    view = page.edit_selected()
    qtbot.waitExposed(view)
    assert not view.buttons.button(view.buttons.StandardButton.Save).isEnabled()
    view.done(0)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(rows["防溺水教育"], 0)).row())
    assert page.delete_button.isEnabled()
    edit = page.edit_selected()
    qtbot.waitExposed(edit)
    edit.title.setText("防溺水安全教育")
    _save(edit)
    assert not edit.isVisible()
    assert "防溺水安全教育" in [r.title for r in list_activities(db, AUTUMN)]


def test_the_home_page_lists_the_other_families_just_after_it_is_painted(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.observation_quotas import behind_on_observations
    from schooldesk.services.semesters import current_semester_key

    db, (li, _zhao), _ming = school
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    home = window.current_page()
    semester = current_semester_key(db)
    qtbot.waitUntil(lambda: "本学期尚未家访" in home.visits_count.text(), timeout=5000)
    assert home.visits_count.text().startswith("本学期尚未家访 1 人")  # 王小明, in care since 2025-09-01
    behind = behind_on_observations(db, semester, date.today())
    assert home.observing_model.rowCount() == len(behind)
    assert home.observing_table.isVisible() == bool(behind)


def test_a_new_home_visit_offers_the_pupils_open_return_case_as_soon_as_the_pupil_is_chosen(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    """Record once: the 家访 is also the 劝返 visit of 王小明's open case, offered when he is added (typed and 添加)
    and withdrawn when he is removed (Delete)."""
    from PySide6.QtCore import Qt

    from schooldesk.services.dropout import CaseInput, list_cases, open_case

    db, (li, _zhao), ming = school
    case = open_case(db, ming, CaseInput(date(2025, 10, 8), "厌学"))
    window = _window(qtbot, db)
    dialog = window.current_page().new_record()
    qtbot.waitExposed(dialog)
    home_visit = next(k for k, spec in list_kinds(db).items() if spec.code == "home_visit")
    dialog.kind.setCurrentIndex(dialog.kind.findData(home_visit))
    assert not dialog.form.is_row_visible("return_visit")  # nobody chosen yet
    dialog.pupils.choice.setCurrentText("王小明")
    qtbot.mouseClick(dialog.pupils.add_button, Qt.MouseButton.LeftButton)
    assert dialog.form.is_row_visible("return_visit")
    assert dialog.return_visit.count() == 2 and dialog.return_visit.itemData(1) == case.id
    assert "2025-10-08" in dialog.return_visit.itemText(1)
    dialog.pupils.list.setCurrentRow(0)
    dialog.pupils.list.setFocus()
    qtbot.keyClick(dialog.pupils.list, Qt.Key.Key_Delete)
    assert dialog.pupils.pupil_ids() == () and not dialog.form.is_row_visible("return_visit")
    dialog.pupils.add_pupil(ming)
    dialog.return_visit.setCurrentIndex(1)
    dialog.date.set_value(date(2025, 10, 9))
    dialog.organiser.set_teacher(li)
    dialog.values.inputs["way"].setCurrentText("入户")
    _save(dialog)
    assert not dialog.isVisible()
    visits = list_cases(db, ming)[0].visits
    assert [v.date for v in visits] == [date(2025, 10, 9)]  # the one row, counted as the case's visit


def test_the_wheel_scrolls_the_form_past_inputs_and_changes_only_the_one_with_focus(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(widget, steps: int = -1) -> None:  # type: ignore[no-untyped-def]
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
                            QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)

    db, _teachers, _ming = school
    window = _window(qtbot, db)
    dialog = window.current_page().new_record()
    qtbot.waitExposed(dialog)
    home_visit = next(k for k, spec in list_kinds(db).items() if spec.code == "home_visit")
    dialog.kind.setCurrentIndex(dialog.kind.findData(home_visit))
    dialog.resize(dialog.width(), 360)  # the form scrolls
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    way = dialog.values.inputs["way"]
    way.setCurrentText("入户")
    dialog.kind.setFocus()
    for box in (way, dialog.date, dialog.organiser):
        before, scrolled = (box.currentText() if hasattr(box, "currentText") else box.text()), bar.value()
        wheel(box)
        assert (box.currentText() if hasattr(box, "currentText") else box.text()) == before  # unchanged
        assert bar.value() > scrolled or bar.value() == bar.maximum()  # the form scrolled instead
        assert not box.hasFocus()  # the wheel gives no focus
        bar.setValue(0)
    way.setFocus()
    qtbot.waitUntil(way.hasFocus)
    wheel(way)
    assert way.currentText() != "入户"  # focused: the wheel is the input's


def test_the_edit_dialog_is_never_narrower_than_its_form(qtbot, zh_app, school) -> None:  # type: ignore[no-untyped-def]
    """修改活动记录 after the dialog was left narrow (a 班会 has fewer fields, or it was dragged smaller): every field
    is whole, nothing cut off on the right, and the dialog still fits the screen."""
    from PySide6.QtWidgets import QApplication

    db, (li, _zhao), ming = school
    home_visit = next(k for k, spec in list_kinds(db).items() if spec.code == "home_visit")
    add_activity(db, ActivityInput(kind_id=home_visit, title="家访", date=date(2025, 10, 9), organiser_id=li,
                                   pupil_ids=(ming,), values={"way": "入户", "met_with": "王奶奶"}))
    window = _window(qtbot, db)
    page = window.current_page()
    narrow = page.new_record()
    qtbot.waitExposed(narrow)
    narrow.resize(240, 400)
    narrow.save_window_state()  # remembered as the clerk left it
    narrow.hide()
    page.table.selectRow(0)
    dialog = page.edit_selected()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.scroll.viewport().width() >= dialog.form.minimumSizeHint().width()
    assert dialog.form.width() <= dialog.scroll.viewport().width()  # the form is not wider than what shows
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width()
    dialog.resize(200, dialog.height())  # dragged smaller: refused below the form's width
    assert dialog.scroll.viewport().width() >= dialog.form.minimumSizeHint().width()
