"""The 报表 page and the profile's printouts, driven through real widgets (files written off the GUI thread)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, open_case
from schooldesk.services.login import SignedIn
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.pages.reports import ReportsPage
from schooldesk.ui.print_preview import PdfPreviewDialog
from schooldesk.ui.pupil_profile import PupilProfileWindow
from schooldesk.ui.state import AppState
from tests.builders import make_id

PAGE_REPORTS = 7


@pytest.fixture
def registered(school_db: Database):  # type: ignore[no-untyped-def]
    pupils = []
    for serial, name in enumerate(("王小明", "李娜", "张伟"), 1):
        birth = date(2015, 2, serial)
        pupils.append(add_pupil(school_db, PupilInput(name=name, gender="男", birth_date=birth, school_year=2025,
                                                      id_number=make_id(birth, "男", serial=serial))))
        add_care(school_db, pupils[-1], CareInput("left_behind", date(2025, 9, 1), details={"carer_name": "奶奶"}))
    case = open_case(school_db, pupils[0], CaseInput(date(2025, 10, 13), "厌学"))
    add_visit(school_db, case.id, VisitInput(date(2025, 10, 14), "王老师", "奶奶", "讲道理", "考虑中"))
    return school_db, pupils


def _page(qtbot, db: Database) -> tuple[MainWindow, ReportsPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.state.choose_semester(next(s for s in window.state.semesters if s.key == SemesterKey(2025, 1)))
    window.nav.setCurrentRow(PAGE_REPORTS)
    page = window.pages[PAGE_REPORTS][1]
    assert isinstance(page, ReportsPage)
    return window, page


def _row(page: ReportsPage, title: str) -> int:
    return next(i for i, line in enumerate(page.model.rows()) if line.title == title)


def _notice() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)


def test_export_a_register_to_excel_through_the_page(qtbot, zh_app, registered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = registered
    window, page = _page(qtbot, db)
    row = _row(page, "留守儿童台账")
    assert page.model.row_at(row).rows == 3 and page.model.row_at(row).period == "2025—2026学年第一学期"
    assert page.model.row_at(_row(page, "疑似辍学和辍学学生台账")).rows == 1
    page.table.selectRow(row)
    dialog = page.export_excel()
    assert isinstance(dialog, QFileDialog) and "留守儿童台账" in dialog.selectedFiles()[0]
    dialog.close()
    target = tmp_path / "留守.xlsx"
    page.export_to(target, page.selected().key)
    qtbot.waitUntil(lambda: page.last_saved == target.resolve(), timeout=20_000)
    ws = openpyxl.load_workbook(target)["留守儿童台账"]
    assert ws["A1"].value == "石桥村小学留守儿童台账" and ws["B4"].value in {"王小明", "李娜", "张伟"}
    qtbot.waitUntil(lambda: _notice() is not None)
    assert str(target.resolve()) in _notice().text()  # type: ignore[union-attr]
    _notice().close()  # type: ignore[union-attr]


def test_the_monthly_report_and_printing_from_the_page(qtbot, zh_app, registered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = registered
    window, page = _page(qtbot, db)
    page.month.setCurrentIndex(page.month.findData("2025-10-01"))
    line = page.model.row_at(_row(page, "控辍保学月报"))
    assert line.period == "2025年10月" and line.rows == 2  # 新增辍学 and 累计辍学: the same pupil
    page.table.selectRow(_row(page, "控辍保学月报"))
    page.print_selected()
    qtbot.waitUntil(lambda: isinstance(page.preview, PdfPreviewDialog) and page.preview.isVisible(), timeout=20_000)
    assert page.preview.document.pageCount() == 1
    page.preview.close()
    page.table.selectRow(_row(page, "留守儿童台账"))
    page.full_ids.setChecked(True)
    page.export_to(tmp_path / "full.xlsx", "left-behind")
    qtbot.waitUntil(lambda: page.last_saved == (tmp_path / "full.xlsx").resolve(), timeout=20_000)
    ids = [r[4] for r in openpyxl.load_workbook(tmp_path / "full.xlsx").active.iter_rows(min_row=4, max_row=6,
                                                                                          values_only=True)]
    assert all(value and "*" not in value for value in ids)


def test_a_teacher_cannot_ask_for_full_numbers(qtbot, zh_app, registered) -> None:  # type: ignore[no-untyped-def]
    db, _ = registered
    state = AppState(db, SignedIn(user_id=9, username="teacher", role="teacher"))
    page = ReportsPage(state)
    qtbot.addWidget(page)
    assert not page.full_ids.isEnabled() and not page.full_ids.isChecked()


def test_print_a_pupils_file_from_the_profile(qtbot, zh_app, registered) -> None:  # type: ignore[no-untyped-def]
    db, pupils = registered
    profile = PupilProfileWindow(AppState(db), pupils[0])
    qtbot.addWidget(profile)
    profile.show()
    assert profile.windowTitle() == "王小明 — 学生档案"  # no English in the Chinese interface
    profile.activateWindow()
    qtbot.waitUntil(profile.isActiveWindow)
    qtbot.keyClick(profile.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # 打印档案 (Ctrl+P)
    qtbot.waitUntil(lambda: isinstance(profile.preview, PdfPreviewDialog) and profile.preview.isVisible(),
                    timeout=20_000)
    assert profile.preview.document.pageCount() >= 1 and "学生档案" in profile.preview.suggested_name
    profile.preview.close()
    assert profile.print_case_button.isEnabled()
    profile.print_case()
    qtbot.waitUntil(lambda: "劝返记录表" in profile.preview.suggested_name and profile.preview.isVisible(),
                    timeout=20_000)
    profile.preview.close()


def test_the_school_sets_what_counts_as_a_suspected_dropout(qtbot, zh_app, registered) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.monthly_report import monthly_report
    from schooldesk.ui.pages.support_rules_box import SupportRulesBox

    db, _ = registered
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    box = window.page(12).findChild(SupportRulesBox)  # Settings, built on its first visit
    assert box.suspect_days.value() == 3 and not box.is_edited()
    box.suspect_days.setValue(5)
    assert box.is_edited()
    box.save_button.click()
    assert not box.is_edited()
    assert "连续5天" in monthly_report(db, date(2025, 10, 1)).suspect_rule


def test_a_suspected_dropout_is_confirmed_from_the_profile(qtbot, zh_app, registered) -> None:  # type: ignore[no-untyped-def]
    db, pupils = registered
    open_case(db, pupils[1], CaseInput(date(2025, 11, 3), "厌学", stage="疑似辍学"))
    profile = PupilProfileWindow(AppState(db), pupils[1])
    qtbot.addWidget(profile)
    assert profile.case_model.index(0, 5).data() == "疑似辍学" and profile.confirm_button.isEnabled()
    profile.confirm_button.click()
    assert profile.case_model.index(0, 5).data() == "辍学" and not profile.confirm_button.isEnabled()
    assert profile.profile.details.status == "辍学"  # type: ignore[union-attr]
