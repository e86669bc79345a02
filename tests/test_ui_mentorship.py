"""师徒结对 through the real widgets: create a pair, print its agreement, add a guidance record with a photo,
see the progress change, complete the assessment; a teacher outside the pair cannot add to it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.login import SignedIn
from schooldesk.services.mentorship import PairInput, add_pair, pair_activities
from schooldesk.services.mentorship_assessment import get_assessment
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.mentorship_window import PairWindow
from schooldesk.ui.state import AppState
from tests.builders import photo

PAGE_MENTORING = 5
AUTUMN = SemesterKey(2025, 1)


@pytest.fixture
def staff(school_db: Database):  # type: ignore[no-untyped-def]
    ids = [add_teacher(school_db, TeacherInput(n, g)).id for n, g in (("王秀英", "女"), ("李小青", "女"), ("赵国强", "男"))]
    return school_db, ids


def _window(qtbot, db: Database, user: SignedIn | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    window.nav.setCurrentRow(PAGE_MENTORING)
    return window


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _preview(qtbot, window: PairWindow):  # type: ignore[no-untyped-def]
    window.preview = None
    qtbot.waitUntil(lambda: window.preview is not None, timeout=20000)
    qtbot.addWidget(window.preview)
    return window.preview


def test_pair_agreement_record_with_photo_progress_and_assessment(qtbot, zh_app, staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, (wang, li, _zhao) = staff
    window = _window(qtbot, db)
    page = window.current_page()
    assert page.objectName() == "MentorshipPage" and page.model.rowCount() == 0
    dialog = page.new_record()
    qtbot.waitExposed(dialog)
    dialog.mentor.set_teacher(wang)
    dialog.apprentice.set_teacher(wang)
    dialog.subject.setCurrentText("语文")
    dialog.agreement_date.set_value(date(2025, 9, 10))
    _save(dialog)
    assert "不能是同一人" in dialog.form.error_text("apprentice")
    dialog.apprentice.set_teacher(li)
    dialog.goals.setPlainText("一年内站稳讲台")
    _save(dialog)
    assert not dialog.isVisible() and page.model.rowCount() == 1
    page.table.selectRow(0)
    pair_window = page.open_selected()
    qtbot.addWidget(pair_window)
    assert pair_window.target_model.rowCount() == 3  # the default targets
    done_before = {t.name: t.done for t in pair_window.target_model.rows()}
    assert done_before["教案审阅"] == 0

    pair_window.agreement_button.click()
    preview = _preview(qtbot, pair_window)
    text = "".join(p.extract_text() for p in PdfReader(preview.pdf).pages)
    assert "师徒结对协议书" in text and "王秀英" in text and "李小青" in text and "教案审阅：每学期不少于3次" in text
    assert "学校（盖章）" in text and "一年内站稳讲台" in text

    record = pair_window.add_record()
    qtbot.waitExposed(record)
    record.date.set_value(date(2025, 10, 8))
    record.kind.setCurrentText("备课指导/教案审阅")
    record.topic.setText("《秋天的雨》教案")
    record.advice.setPlainText("目标要可检测")
    record.photos.list.add_files([photo(tmp_path / "IMG_0101.jpg")])
    _save(record)
    assert not record.isVisible()
    after = {t.name: t.done for t in pair_window.target_model.rows()}
    assert after["教案审阅"] == 1  # the window refreshed after the save
    [line] = pair_activities(db, page.model.row_at(0).pair.id)
    assert len(line.photos) == 1 and line.advice == "目标要可检测"

    assessment = pair_window.open_assessment()
    qtbot.waitExposed(assessment)
    values = assessment.scores.values()
    assert values[2] == "1.7"  # 教案上交: 10 × 1 / 6 (two terms' 3 each), pre-filled
    for field, value in zip(assessment.scores.inputs, values):
        if not value:
            field.setText("8")
    assessment.comments.setPlainText("进步明显")
    _save(assessment)
    assert not assessment.isVisible()
    saved = get_assessment(db, page.model.row_at(0).pair.id, date(2026, 1, 31))
    assert saved.saved and saved.comments == "进步明显" and saved.result in ("优秀", "合格", "不合格")

    pair_window.assessment_print_button.click()
    preview = _preview(qtbot, pair_window)
    text = "".join(p.extract_text() for p in PdfReader(preview.pdf).pages)
    assert "师徒结对考核表" in text and "进步明显" in text and saved.result in text


def test_a_teacher_outside_the_pair_cannot_add_to_it(qtbot, zh_app, staff) -> None:  # type: ignore[no-untyped-def]
    db, (wang, li, zhao) = staff
    pair = add_pair(db, PairInput(school_year=2025, mentor_id=wang, apprentice_id=li, subject="语文", pairing_type="入门式",
                                  agreement_date=date(2025, 9, 10)))
    outsider = _window(qtbot, db, SignedIn(user_id=7, username="zhao", role="teacher", teacher_id=zhao))
    page = outsider.current_page()
    assert not page.new_button.isEnabled()
    page.table.selectRow(0)
    window = page.open_selected()
    qtbot.addWidget(window)
    assert not window.add_button.isEnabled() and window.add_record() is None
    member = _window(qtbot, db, SignedIn(user_id=8, username="li", role="teacher", teacher_id=li))
    member_page = member.current_page()
    member_page.table.selectRow(0)
    own = member_page.open_selected()
    qtbot.addWidget(own)
    assert own.add_button.isEnabled() and not own.pair_button.isEnabled()
    record = own.add_record()
    qtbot.waitExposed(record)
    record.date.set_value(date(2025, 10, 9))
    record.kind.setCurrentText("徒弟听师傅课")
    record.topic.setText("《掌声》")
    _save(record)
    assert not record.isVisible() and len(pair_activities(db, pair.id)) == 1
