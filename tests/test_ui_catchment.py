"""The 适龄儿童 page: the villages' list imported through the dialog, children to verify first, filters and pinyin
find, a 去向 verified with a proof photo, a name match confirmed, teachers see masked IDs and cannot write."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.domain import catchment as rules
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.catchment import list_children
from schooldesk.services.login import SignedIn
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.builders import photo
from tests.test_catchment import TODAY, realistic, roll  # noqa: F401 - the fixture

PAGE_CATCHMENT = 2
AUTUMN = SemesterKey(2025, 1)


def _window(qtbot, db, user: SignedIn | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == AUTUMN))
    window.nav.setCurrentRow(PAGE_CATCHMENT)
    return window


def _names(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_import_verify_filter_and_find(qtbot, zh_app, roll, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, roll)
    page = window.page(PAGE_CATCHMENT)
    assert "尚无" in page.heading.text() or "导入" in page.heading.text()
    dialog = page.import_list()
    task = dialog.preview(realistic(tmp_path))
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert "身份证号匹配：1" in dialog.summary.text() and "身份证号错误或为空（已标记）：2" in dialog.summary.text()
    assert dialog.import_button.text() == "导入 6 名儿童(&I)"
    dialog.grab().save(str(tmp_path / "import.png"))
    task = dialog.run_import()
    qtbot.waitUntil(lambda: not task.running, timeout=30000)  # type: ignore[union-attr]
    dialog.close()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # of compulsory age; the two others kept apart
    assert _names(page)[:3] == ["李小红", "赵二", "钱三"]  # to verify first
    page.all_ages.setChecked(True)
    assert page.model.rowCount() == 6
    page.all_ages.setChecked(False)
    page.destination_filter.setCurrentIndex(page.destination_filter.findData(rules.AT_THIS_SCHOOL))
    page.destination_filter.activated.emit(page.destination_filter.currentIndex())
    assert _names(page) == ["王小明"]
    page.destination_filter.setCurrentIndex(0)
    page.destination_filter.activated.emit(0)
    page.find_box.setText("qs")  # 钱三 by the initials of its pinyin
    assert _names(page) == ["钱三"]

    page.table.selectRow(0)
    finding = page.edit_selected()
    qtbot.waitExposed(finding)
    finding.destination.setCurrentText("本县外校就读")
    assert finding.form.is_row_visible("school")
    finding.school.setText("镇中心学校")
    finding.way.setCurrentText("外校协查")
    finding.verifier.setText("李老师")
    finding.verified_on.setDate(date(2025, 11, 3))
    finding.photos.list.add_files([photo(tmp_path / "证明.jpg")])
    finding.grab().save(str(tmp_path / "finding.png"))
    finding.buttons.button(finding.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not finding.isVisible())
    page.find_box.clear()
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    assert qian.destination == "本县外校就读" and len(qian.finding.photos) == 1 and qian.has_proof
    qtbot.waitUntil(lambda: "钱三" not in _names(page)[:2])
    window.grab().save(str(tmp_path / "page.png"))


def test_a_name_match_is_confirmed_on_the_page(qtbot, zh_app, roll, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.catchment_import import import_catchment_file

    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    window = _window(qtbot, roll)
    page = window.page(PAGE_CATCHMENT)
    page.find_box.setText("李小红")
    page.table.selectRow(0)
    assert page.confirm_button.isEnabled()
    box = page.confirm_selected()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.proxy.index(0, 6).data() == rules.AT_THIS_SCHOOL)


def test_teachers_see_masked_ids_and_cannot_write(qtbot, zh_app, roll, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.catchment_import import import_catchment_file

    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    window = _window(qtbot, roll, SignedIn(user_id=9, username="zhao", role="teacher", teacher_id=None))
    page = window.page(PAGE_CATCHMENT)
    page.find_box.setText("王小明")
    page.table.selectRow(0)
    shown = page.proxy.index(0, 4).data()
    assert "*" in shown and len(shown) == 18
    assert not page.import_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.edit_button.text() == "查看(&V)…"
    dialog = page.edit_selected()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert QApplication.instance() is not None


def test_the_school_adds_a_destination_of_its_own(qtbot, zh_app, roll) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.catchment import destinations_on

    window = _window(qtbot, roll)
    dialog = window.page(PAGE_CATCHMENT).edit_destinations()
    built_in = dialog.table.rowCount()
    dialog.name.setText("港澳台就读")
    dialog.group.setCurrentText(rules.ELSEWHERE)
    dialog.since.setDate(date(2025, 9, 1))
    assert dialog.add() and dialog.table.rowCount() == built_in + 1
    assert "港澳台就读" in [d.name for d in destinations_on(roll, date(2025, 9, 1))]
    assert not dialog.add()  # an empty name is refused with its message


def test_the_status_check_window_lists_what_differs_and_opens_the_pupil(qtbot, zh_app, roll, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.builders import make_id, write_xlsx

    birth = date(2016, 3, 1)
    export = write_xlsx(tmp_path / "学籍.xlsx", [
        ["姓名", "性别", "出生日期", "身份证件号"],
        ["王晓明", "男", birth.isoformat(), make_id(birth, "男", serial=1)],
        ["新同学", "女", "2016-01-01", make_id(date(2016, 1, 1), "女", serial=40)],
    ])
    window = _window(qtbot, roll)
    dialog = window.page(PAGE_CATCHMENT).check_status()
    task = dialog.check(export)
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    kinds = [(dialog.model.row_at(r).kind, dialog.model.row_at(r).name) for r in range(dialog.model.rowCount())]
    assert ("仅在学籍系统", "新同学") in kinds and ("信息不一致", "王小明") in kinds
    assert ("仅在本校名册", "李小红") in kinds and ("仅在本校名册", "张伟") in kinds
    assert "仅在学籍系统 1 人，仅在本校名册 2 人，信息不一致 1 处" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "check.png"))
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.row_at(r).kind == "信息不一致")
    dialog.table.selectRow(row)
    dialog.open_pupil()
    assert dialog.pupil_dialog is not None and dialog.pupil_dialog.name.text() == "王小明"
    dialog.pupil_dialog.name.setText("王晓明")
    assert dialog.pupil_dialog.try_save()  # the fix, in the audit trail like every change
