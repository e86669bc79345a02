"""听课评课 through the real widgets: create, refuse a score out of range at its field, edit, search, a photo,
print preview; a teacher's account cannot change another observer's record; rubrics edited in Settings."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.login import SignedIn
from schooldesk.services.observations import ObservationInput, add_observation, list_observations
from schooldesk.services.rows import TeacherInput
from schooldesk.services.rubrics import list_rubrics
from schooldesk.services.teachers import add_teacher
from schooldesk.ui import observation_printing
from schooldesk.ui.dialogs.observation_dialog import ObservationDialog
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.print_preview import PdfPreviewDialog
from schooldesk.ui.state import AppState
from tests.builders import photo

PAGE_OBSERVATIONS, PAGE_SETTINGS = 4, 12
AUTUMN = SemesterKey(2025, 1)


@pytest.fixture
def staff(school_db: Database):  # type: ignore[no-untyped-def]
    ids = [add_teacher(school_db, TeacherInput(n, g)).id for n, g in (("王校长", "男"), ("李春梅", "女"), ("赵国强", "男"))]
    return school_db, ids


def _window(qtbot, db: Database, user: SignedIn | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    window.nav.setCurrentRow(PAGE_OBSERVATIONS)
    return window


def _save(dialog: ObservationDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _wait_preview(qtbot) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    observation_printing.shown.pop("preview", None)
    qtbot.waitUntil(lambda: "preview" in observation_printing.shown, timeout=20000)
    preview = observation_printing.shown["preview"]
    qtbot.addWidget(preview)
    return preview


def test_create_validate_edit_search_photo_and_print(qtbot, zh_app, staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao) = staff
    window = _window(qtbot, db)
    page = window.current_page()
    assert page.objectName() == "ObservationsPage" and page.model.rowCount() == 0

    dialog = page.new_record()
    qtbot.waitExposed(dialog)
    dialog.observer.set_teacher(head)
    dialog.taught.set_teacher(li)
    dialog.subject.setCurrentText("语文")
    dialog.topic.setText("《秋天的雨》")
    dialog.date.set_value(date(2025, 10, 14))
    dialog.period.setValue(2)
    dialog.process.setPlainText("导入：看图说话\n新授：朗读感悟")
    assert dialog.rubric.currentText() == "课堂教学评价表（百分制）"  # the school's default
    scores = dialog.scores.inputs
    assert len(scores) == 5
    for field, value in zip(scores, ("9", "13", "22", "27")):
        qtbot.keyClicks(field, value)
    qtbot.keyClicks(scores[4], "21")  # 教师素质 scores at most 20
    qtbot.keyClick(scores[4], Qt.Key.Key_Return)  # finishing the field checks it
    assert "0 到 20" in dialog.scores.error_text("score_4")
    _save(dialog)
    assert dialog.isVisible() and "0 到 20" in dialog.scores.error_text("score_4")  # refused at its field
    assert list_observations(db, AUTUMN) == []
    scores[4].setText("18")
    assert "89 / 100 分 — 良" in dialog.scores.total.text()
    dialog.checks.set_rating("批改", "一般", "个别本子未批")
    dialog.photos.list.add_files([photo(tmp_path / "IMG_0001.jpg")])
    _save(dialog)
    assert not dialog.isVisible()
    [row] = list_observations(db, AUTUMN)
    assert (row.total, row.grade, len(row.photos), row.checks[0].rating) == (89, "良", 1, "一般")
    assert page.model.rowCount() == 1

    page.table.selectRow(0)
    edit = page.edit_selected()
    qtbot.waitExposed(edit)
    assert edit.scores.values() == ("9", "13", "22", "27", "18") and edit.photos.list.count() == 1
    edit.topic.setText("《秋天的雨》第二课时")
    edit.taught.set_teacher(head)  # the observer's own lesson: refused at the field
    _save(edit)
    assert "不能是执教者本人" in edit.form.error_text("taught_teacher")
    edit.taught.set_teacher(li)
    _save(edit)
    assert not edit.isVisible()
    assert list_observations(db, AUTUMN)[0].topic == "《秋天的雨》第二课时"

    add_observation(db, ObservationInput(observer_id=zhao, taught_teacher_id=li, class_id=None, subject="数学",
                                         topic="认识分数", lesson_type="新授课", kind="教研听课", date=date(2025, 11, 3),
                                         period=1), today=date(2026, 1, 31))
    window.state.notify_changed("observations")
    assert page.proxy.rowCount() == 2
    page.find_box.setText("分数")
    assert page.proxy.rowCount() == 1
    page.find_box.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("推门听课"))
    page.kind_filter.activated.emit(page.kind_filter.currentIndex())
    assert page.model.rowCount() == 1 and page.model.row_at(0).observer.name == "王校长"
    page.kind_filter.setCurrentIndex(0)
    page.kind_filter.activated.emit(0)

    page.table.selectRow(next(r for r in range(page.proxy.rowCount())
                              if page.proxy.index(r, 2).data() == "王校长"))
    page.print_button.click()
    preview = _wait_preview(qtbot)
    assert isinstance(preview, PdfPreviewDialog)
    text = "".join(p.extract_text() for p in PdfReader(preview.pdf).pages)
    assert "听课记录表" in text and "《秋天的雨》第二课时" in text and "89" in text and "评课人签名" in text
    assert preview.document.pageCount() == 1

    page.tabs.setCurrentIndex(1)
    rows = {page.quota_model.row_at(r).teacher: page.quota_model.row_at(r) for r in range(page.quota_model.rowCount())}
    assert (rows["王校长"].observed, rows["李春梅"].observed_by_others) == (1, 2)


def test_a_teacher_adds_their_own_and_cannot_change_anothers(qtbot, zh_app, staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao) = staff
    add_observation(db, ObservationInput(observer_id=head, taught_teacher_id=li, class_id=None, subject="语文",
                                         topic="《掌声》", lesson_type="新授课", kind="推门听课", date=date(2025, 10, 9),
                                         period=3), today=date(2026, 1, 31))
    user = SignedIn(user_id=9, username="lichunmei", role="teacher", teacher_id=li)
    window = _window(qtbot, db, user)
    page = window.current_page()
    page.table.selectRow(0)
    assert not page.delete_button.isEnabled() and page.edit_button.text() == "查看(&V)…"
    view = page.edit_selected()
    qtbot.waitExposed(view)
    assert not view.buttons.button(view.buttons.StandardButton.Save).isEnabled()
    view.done(0)

    own = page.new_record()
    qtbot.waitExposed(own)
    assert own.observer.teacher_id() == li and not own.observer.isEnabled()
    own.taught.set_teacher(zhao)
    own.subject.setCurrentText("数学")
    own.topic.setText("认识分数")
    own.date.set_value(date(2025, 11, 3))
    own.rubric.setCurrentIndex(0)  # (不评分)
    _save(own)
    assert not own.isVisible()
    assert sorted(r.observer.name for r in list_observations(db, AUTUMN)) == ["李春梅", "王校长"]


def test_rubrics_in_settings_copy_and_version(qtbot, zh_app, staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, _zhao) = staff
    hundred = list_rubrics(db)[0]
    add_observation(db, ObservationInput(observer_id=head, taught_teacher_id=li, class_id=None, subject="语文",
                                         topic="《掌声》", lesson_type="新授课", kind="推门听课", date=date(2025, 10, 9),
                                         period=3, rubric_version_id=hundred.version_id,
                                         scores=("9", "13", "22", "27", "18")), today=date(2026, 1, 31))
    window = _window(qtbot, db)
    window.nav.setCurrentRow(PAGE_SETTINGS)
    box = window.current_page().observation_rules
    box.rubric_table.selectRow(0)
    editor = box.edit_rubric()
    qtbot.waitExposed(editor)
    editor.bands.setText("优 95，良 90，合格 60，不合格")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert not editor.isVisible()
    assert list_rubrics(db)[0].version == 2
    assert list_observations(db, AUTUMN)[0].grade == "良"  # scored with version 1, graded by it still

    box.rubric_table.selectRow(1)
    copy = box.copy_rubric()
    qtbot.waitExposed(copy)
    assert copy.name.text() == "课堂教学评价表（等级制）（副本）"
    copy.bands.setText("优 90")
    copy.buttons.button(copy.buttons.StandardButton.Save).click()
    assert copy.isVisible() and copy.form.error_text("bands")  # a rule broken: shown at the field
    copy.bands.setText("优 27，良 23，中 18，差")
    copy.items.add_item("板书设计", "5", "")
    copy.buttons.button(copy.buttons.StandardButton.Save).click()
    assert not copy.isVisible()
    assert [len(r.definition.items) for r in list_rubrics(db)] == [5, 6, 7]
    box.quota_boxes["教师"].setValue(13)
    box.save_quotas()
    from schooldesk.services.observation_quotas import quotas_in_force

    assert quotas_in_force(db, date.today())["教师"] == 13
