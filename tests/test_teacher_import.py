"""No dead end without teachers: they are imported from an Excel list (preview, row messages, update by name,
职务 kept), the command prints the report as JSON, and a form's teacher list offers 新增教师… which opens the
teacher form with the typed name and chooses the teacher saved."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from schooldesk.services.teacher_duties import duties_now
from schooldesk.services.teacher_import import import_teacher_file
from schooldesk.services.teachers import list_teachers
from tests.builders import run_cli, write_xlsx

TODAY = date(2025, 10, 1)


def _list(path: Path, *rows: list[object]) -> Path:
    return write_xlsx(path, [["青山镇中心小学教师名单"], ["姓名", "性别", "任教学科", "联系电话", "职务", "备注"], *rows])


def test_a_list_of_teachers_is_previewed_imported_and_imported_again_as_updates(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    path = _list(tmp_path / "教师.xlsx",
                 ["李春梅", "女", "语文，道德与法治", "13800000001", "班主任、教研组长", ""],
                 ["赵国强", "1-男", "数学", 13800000002, "校长", ""],
                 ["王芳", "", "英语", "", "", "性别漏填"],
                 ["孙伟", "男", "体育", "1380", "", "电话太短"],
                 ["李春梅", "女", "语文", "", "", "重复"],
                 ["周敏", "女", "科学", "", "班主任、后勤主任", ""],
                 ["合计", "6人"])
    listing, preview = import_teacher_file(db, path, dry_run=True, today=TODAY)
    assert listing.header_row == 2 and (preview.rows_read, preview.new, preview.skipped) == (6, 3, 3)
    assert list_teachers(db) == []  # a preview writes nothing
    problems = {(p.row, p.column, p.code) for p in preview.errors}
    assert problems == {(5, "性别", "missing_gender"), (6, "联系电话", "invalid_phone"), (7, "姓名", "duplicate")}
    [warning] = preview.warnings
    assert warning.row == 8 and "后勤主任" in str(warning.error)

    _listing, report = import_teacher_file(db, path, dry_run=False, today=TODAY)
    assert report.new == 3
    teachers = {t.name: t for t in list_teachers(db)}
    assert teachers["李春梅"].subjects == "语文、道德与法治" and teachers["赵国强"].gender == "男"
    assert teachers["赵国强"].phone == "13800000002"
    duties = duties_now(db, TODAY)
    assert set(duties[teachers["李春梅"].id]) == {"班主任", "教研组长"} and duties[teachers["周敏"].id] == ("班主任",)

    again = _list(tmp_path / "新.xlsx", ["李春梅", "女", "语文", "", "", ""], ["赵国强", "男", "数学", "13900000009", "", ""])
    _listing, report = import_teacher_file(db, again, dry_run=False, today=TODAY)
    assert (report.new, report.updated, report.unchanged) == (0, 2, 0)
    teachers = {t.name: t for t in list_teachers(db)}
    assert len(teachers) == 3 and teachers["赵国强"].phone == "13900000009"
    assert teachers["李春梅"].phone == "13800000001"  # an empty cell erases nothing
    assert set(duties_now(db, TODAY)[teachers["李春梅"].id]) == {"班主任", "教研组长"}  # nor an empty 职务


def test_the_command_prints_the_report_as_json(school_db, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _list(tmp_path / "t.xlsx", ["李春梅", "女", "语文", "", "", ""], ["王芳", "", "", "", "", ""])
    result = run_cli("import-teachers", str(path), "--json", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"rows_read", "new", "updated", "unchanged", "errors", "warnings", "dry_run", "sheet"} <= set(report)
    assert report["new"] == 1 and report["errors"][0]["row"] == 4 and report["errors"][0]["column"] == "性别"


def test_a_support_record_with_no_teachers_yet_adds_one_from_the_list(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from schooldesk.services.pupils import PupilInput, add_pupil
    from schooldesk.services.support import list_support
    from schooldesk.ui.dialogs.support_dialog import SupportDialog
    from schooldesk.ui.fields import ADD_TEACHER
    from tests.builders import make_id

    pupil = add_pupil(school_db, PupilInput(name="王小明", gender="男", birth_date=date(2015, 3, 1),
                                            id_number=make_id(date(2015, 3, 1), "男"), school_year=2025))
    added: list[int] = []
    dialog = SupportDialog(school_db, pupil, teacher_added=lambda: added.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.teacher
    assert "新增教师" in box.lineEdit().placeholderText()
    dialog.content.setPlainText("讲解分数")
    qtbot.keyClicks(box.lineEdit(), "Li")  # a typed name that is no teacher: the message says where to add one
    assert not dialog.try_save()
    assert "新增教师" in dialog.form.error_text("teacher") and "教师" in dialog.form.error_text("teacher")
    box.lineEdit().setText("李春梅")
    box._typed = "李春梅"  # as textEdited leaves it when typed
    box.activated.emit(box.findData(ADD_TEACHER))
    form = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "NewTeacherDialog" and w.isVisible())
    assert form.name.text() == "李春梅"
    form.gender.setCurrentText("女")
    assert form.try_save()
    assert box.currentText() == "李春梅" and box.teacher_id() is not None and added == [1]
    assert dialog.try_save()
    assert [r.teacher_name for r in list_support(school_db, pupil)] == ["李春梅"]


def test_the_teachers_page_imports_a_list(qtbot, zh_app, school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.pages.teachers import TeachersPage
    from schooldesk.ui.state import AppState

    page = TeachersPage(AppState(school_db))
    qtbot.addWidget(page)
    page.show()
    assert page.import_button.text() == "从 Excel 导入(&I)…"
    dialog = page.import_teachers()
    task = dialog.preview(_list(tmp_path / "t.xlsx", ["李春梅", "女", "语文", "", "班主任", ""]))
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "导入 1 名教师(&I)"
    task = dialog.run_import()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)  # type: ignore[union-attr]
    assert "已导入" in dialog.summary.text()
    assert [page.model.row_at(r).name for r in range(page.model.rowCount())] == ["李春梅"]
