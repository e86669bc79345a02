"""A new clerk's walk, from an empty data folder at 1366×768 to the bundle, through the windows: the wizard
(kind of school asked), the first steps on the home page, teachers from an Excel list, last year's roster
pointed at its own year, then this year's, a care category with its responsible teacher, a support record, and
the bundle written to a folder — no dead end on the way, and the figures of the 报送前检查 what they should be."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from schooldesk.domain.semester import school_year_of
from schooldesk.exports.bundle_writing import verify_bundle
from schooldesk.ui.launcher import Launcher
from tests.builders import make_id, write_xlsx
from tests.test_pupil_import import TEMPLATE_ORDER, template_row


def _next(wizard: QWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _visible(name: str):  # type: ignore[no-untyped-def]
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible())


def test_from_an_empty_folder_to_the_bundle(qtbot, zh_app, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(db)
    launcher.start()
    wizard = launcher.wizard
    qtbot.addWidget(wizard)
    school = wizard.school_page.form
    school.edits["name"].setText("石桥村小学")
    school.edits["code"].setText("2141051203")
    school.edits["county"].setText("示范县")
    school.edits["principal"].setText("王建国")
    wizard.school_page.kind.setCurrentIndex(wizard.school_page.kind.findData("primary"))
    _next(wizard, qtbot)
    year = school_year_of(date.today())
    wizard.terms_page.form.year.setValue(year)
    _next(wizard, qtbot)
    wizard.admin_page.password.setText("office-2025")
    wizard.admin_page.repeat.setText("office-2025")
    with qtbot.waitSignal(launcher.main_window_shown, timeout=10000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    window = launcher.window
    qtbot.addWidget(window)
    launcher.recovery_notice.close()
    window.resize(1366, 768)
    home = window.current_page()
    steps = home.first_steps
    assert steps.isVisible() and steps.steps.item(1).text().startswith("→")  # school done; teachers next

    steps.steps.itemActivated.emit(steps.steps.item(1))  # → 教师, from an Excel list
    teachers_page = window.current_page()
    assert teachers_page.objectName() == "TeachersPage"
    teachers = write_xlsx(tmp_path / "教师名单.xlsx", [["姓名", "性别", "任教学科", "联系电话", "职务"],
                                                      ["李春梅", "女", "语文", "13800000001", "班主任"],
                                                      ["赵国强", "男", "数学", "13800000002", "教导主任"]])
    importing = teachers_page.import_teachers()
    task = importing.preview(teachers)
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    task = importing.run_import()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)  # type: ignore[union-attr]
    importing.close()
    assert teachers_page.model.rowCount() == 2

    pupils_page = window.open_page("PupilsPage")
    rows = [TEMPLATE_ORDER]
    for serial, entry in enumerate(range(year - 6, year), 1):  # last year's roster: 六年级 then … 一年级 then
        born = date(entry - 6, 3, serial)
        rows.append(template_row(f"学生{serial}", "男" if serial % 2 else "女", born,
                                 make_id(born, "男" if serial % 2 else "女", serial=serial), "1", f"{entry}-09"))
    roster = write_xlsx(tmp_path / "名册.xlsx", rows)
    dialog = pupils_page.open_import()
    task = dialog.preview(roster)
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert dialog.report.skipped == 1  # the one who left for middle school: 七年级 is no grade of a 小学
    task = dialog.run_import()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)  # type: ignore[union-attr]
    dialog.close()
    assert pupils_page.model.rowCount() == 5

    pupils_page.table.selectRow(0)
    profile = pupils_page.open_profile()
    profile.add_care_button.click()
    care = _visible("CareDialog")
    care.kind.setCurrentIndex(care.kind.findData("left_behind"))
    care.teacher.set_teacher(teachers_page.model.row_at(0).id)
    assert care.try_save()
    profile.add_support_button.click()
    support = _visible("SupportDialog")
    assert support.teacher.teacher_id() is not None  # the responsible teacher, offered
    support.content.setPlainText("谈心，了解在家学习情况")
    assert support.try_save()
    profile.close()

    export = window.open_page("ExportPage")
    export.use_folder(tmp_path)
    task = export.export()
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    assert export.result is not None and verify_bundle(export.result.path).intact
    listing = (export.result.path / "清单.txt").read_text(encoding="utf-8-sig")
    assert "尚未由李春梅家访" in listing or "尚未由赵国强家访" in listing  # named, never 尚未由—家访
    assert "没有包保责任人" not in listing
