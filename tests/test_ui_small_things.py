"""Small things that cost a clerk time: a field's message goes once the value is corrected, Esc on an open
drop-down closes only the drop-down, 学科 follows the observed teacher, a category's details are labelled,
and the print preview fits a 768-pixel screen."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from schooldesk.services.care import CareInput, add_care, list_care
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, list_teachers


def test_a_message_goes_once_the_field_is_corrected(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.dialogs.user_dialog import UserDialog

    dialog = UserDialog(school_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("wang")
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    assert not dialog.try_save()
    assert "8" in dialog.form.error_text("password")
    qtbot.keyClicks(dialog.password, "-and-long")  # now valid: the old message must not stay beside it
    assert dialog.form.error_text("password") == ""


def test_esc_on_an_open_drop_down_keeps_the_form(qtbot, zh_app, home) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.dialogs.care_dialog import CareDialog

    db, child, _teachers, _ = home
    dialog = CareDialog(db, child)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.teacher.lineEdit().setText("李")
    dialog.kind.showPopup()
    qtbot.waitUntil(dialog.kind.view().isVisible)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # as a key the popup passed on would arrive
    assert not dialog.kind.view().isVisible() and dialog.isVisible() and dialog.discard_question is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no drop-down open now: the form asks before dropping the typing
    assert dialog.discard_question is not None and dialog.discard_question.isVisible()


def test_the_subject_follows_the_observed_teacher_unless_typed(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.dialogs.observation_dialog import ObservationChoices, ObservationDialog

    add_teacher(school_db, TeacherInput("李春梅", "女", subjects="数学、科学"))
    add_teacher(school_db, TeacherInput("赵国强", "男", subjects="语文"))
    teachers = tuple(list_teachers(school_db))
    dialog = ObservationDialog(school_db, ObservationChoices(teachers=teachers, classes=(), rubrics=()))
    qtbot.addWidget(dialog)
    by_name = {t.name: t.id for t in teachers}
    dialog.taught.set_teacher(by_name["李春梅"])
    assert dialog.subject.currentText() == "数学"
    dialog.taught.set_teacher(by_name["赵国强"])
    assert dialog.subject.currentText() == "语文"  # filled by the form: follows the teacher
    dialog.subject.setCurrentText("书法")
    dialog.taught.set_teacher(by_name["李春梅"])
    assert dialog.subject.currentText() == "书法"  # typed by the clerk: kept


def test_a_categorys_details_say_whose_phone_is_whose(qtbot, zh_app, home) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.pupil_profile import _labelled_details

    db, child, _teachers, _ = home
    add_care(db, child, CareInput("left_behind", date(2025, 9, 1), details={
        "kind": "双亲外出", "father_phone": "13900000001", "carer_name": "王大爷", "carer_phone": "13900000002"}))
    [row] = [r for r in list_care(db, child) if r.kind == "left_behind"]
    text = _labelled_details(row)
    assert "父亲电话：13900000001" in text and "13900000002" in text and text.index("王大爷") < text.index("13900000002")
    assert text.count("：") == 4


def test_the_print_preview_fits_the_screen(qtbot, zh_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    from schooldesk.ui.print_preview import PdfPreviewDialog

    pdf = tmp_path / "a.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(100, 700, "SchoolDesk")
    page.save()
    preview = PdfPreviewDialog(pdf, "a.pdf")
    qtbot.addWidget(preview)
    room = QApplication.primaryScreen().availableGeometry()
    assert preview.height() <= room.height() - 60 and preview.width() <= room.width() - 40
    preview.reject()
