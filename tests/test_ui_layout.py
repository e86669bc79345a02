"""Layouts that fit: header lines never break inside a value, empty tables keep readable headers, and the
busiest screens fit a 1280×800 screen in Chinese and English without clipping or a scroll bar in the
navigation."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea, QApplication, QLabel, QLineEdit, QPushButton, QScrollArea, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from schooldesk.ui.summary import facts_html
from tests.builders import demo_school

TODAY = date(2026, 11, 24)
FACTS = [("班级", "三年级(2)班"), ("性别", "女"), ("出生日期", "2015-03-04"), ("民族", "汉族"),
         ("身份证件号", "4113**********0027"), ("学籍号", "G4113**********0027"), ("学籍状态", "在读"),
         ("现住址", "示范县青山镇北村3组"), ("监护人", "父亲 张大山 138****1111 浙江义乌")]


def _lines(html: str, width: int) -> list[str]:
    document = QTextDocument()
    document.setHtml(html)
    document.setTextWidth(width)
    document.size()  # lays it out
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            lines.append(block.text()[line.textStart():line.textStart() + line.textLength()])
        block = block.next()
    return lines


@pytest.mark.parametrize("width", [300, 420, 640, 900])
def test_a_header_line_wraps_between_facts_never_inside_one(zh_app, width: int) -> None:  # type: ignore[no-untyped-def]
    lines = [line.replace("\u2060", "").replace("\u00a0", " ").strip() for line in _lines(facts_html(FACTS), width)]
    assert len(lines) > 1 or width == 900
    for key, value in FACTS:
        assert any(f"{key}：{value}" in line for line in lines), (width, key, lines)


def _clipped(window: QWidget) -> list[str]:
    """Labels and buttons narrower than their text needs (what the clerk sees cut off)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
            needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText()) + 16
            if widget.width() < needed:
                found.append(f"box {widget.placeholderText()!r}: {widget.width()} < {needed}")
        if isinstance(widget, (QLabel, QPushButton)) and not (isinstance(widget, QLabel) and widget.wordWrap()):
            if widget.width() + 1 < widget.minimumSizeHint().width() and widget.text():
                found.append(f"{type(widget).__name__} {widget.text()!r}: {widget.width()} < "
                             f"{widget.minimumSizeHint().width()}")
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_fits_1280_by_800(qtbot, qapp, db: Database, language: str) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.i18n import install_translations

    install_translations(language)
    try:
        demo_school(db, today=TODAY)
        window = MainWindow(AppState(db))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        problems = []
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            QApplication.processEvents()
            assert window.width() <= 1280 and window.height() <= 800, (row, window.size())  # not pushed wider
            assert not window.nav.verticalScrollBar().isVisible() and not window.nav.horizontalScrollBar().isVisible()
            problems += [f"page {row}: {p}" for p in _clipped(window)]
            page = window.current_page()
            for area in page.findChildren(QScrollArea):  # the settings page scrolls only up and down
                assert not area.horizontalScrollBar().isVisible(), f"page {row} scrolls sideways"
            if page.minimumSizeHint().width() > window.stack.width():
                problems.append(f"page {row} needs {page.minimumSizeHint().width()} px, has {window.stack.width()}")
        assert not problems, problems[:10]
        for table in window.findChildren(QAbstractScrollArea):
            del table
    finally:
        install_translations("zh_CN")


def test_an_empty_table_keeps_readable_headers(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.pupils import PupilInput, add_pupil
    from schooldesk.ui.pupil_profile import PupilProfileWindow

    pupil_id = add_pupil(school_db, PupilInput(name="张书涵", gender="女"))
    profile = PupilProfileWindow(AppState(school_db), pupil_id)
    qtbot.addWidget(profile)
    profile.show()
    for index in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    for table in (profile.care_table, profile.support_table, profile.case_table, profile.visit_table):
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(header.count() - 1):  # the last one stretches
            title = table.model().headerData(column, header.orientation())
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title), (title, header.sectionSize(column))


def test_long_forms_fit_the_screen_and_scroll(qtbot, zh_app, db: Database) -> None:  # type: ignore[no-untyped-def]
    """A visit form with ten teachers in view is taller than an old 768-pixel screen: it fits and scrolls."""
    from schooldesk.services.home_teaching import list_plans
    from schooldesk.ui.dialogs.home_teaching_dialogs import HomeVisitDialog, PlanDialog
    from schooldesk.ui.dialogs.pupil_dialog import PupilDialog

    demo_school(db, today=TODAY)
    state = AppState(db)
    [summary] = list_plans(db, state.semester.key, TODAY)
    screen = QApplication.primaryScreen().availableGeometry()
    for dialog in (HomeVisitDialog(db, summary.plan), PlanDialog(db, state.semester, summary.plan),
                   PupilDialog(db, state.school_year)):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert dialog.frameGeometry().height() <= screen.height(), (type(dialog).__name__, dialog.height())
        assert not dialog.scroll.horizontalScrollBar().isVisible()
        if dialog.form.sizeHint().height() > dialog.scroll.viewport().height():
            assert dialog.scroll.verticalScrollBar().isVisible()  # the rest of the form is a scroll away


def test_the_home_page_keeps_five_rows_of_every_list_on_a_1366_by_768_screen(qtbot, zh_app, db: Database) -> None:  # type: ignore[no-untyped-def]
    """Maximized on a 1366×768 Windows screen (a 40 px taskbar, a 31 px title bar) the home page shows every list
    it has with room for five rows, and the page itself never scrolls."""
    demo_school(db, today=date.today())
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.resize(1366, 768 - 40 - 31)
    window.show()
    home = window.current_page()
    qtbot.waitUntil(lambda: home.observing_table.isVisible() or home.pairs_table.isVisible(), timeout=20000)
    QApplication.processEvents()
    assert (window.width(), window.height()) == (1366, 697)  # nothing pushed the window taller
    shown = [t for t in (home.overdue_table, home.home_table, home.observing_table, home.pairs_table) if t.isVisible()]
    assert len(shown) >= 3, [t.objectName() for t in shown]
    for table in shown:
        row = table.verticalHeader().defaultSectionSize()
        assert table.viewport().height() >= 5 * row, (table.objectName(), table.viewport().height(), row)
    assert home.height() <= window.stack.height() and not home.findChildren(QScrollArea)
