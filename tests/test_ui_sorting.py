"""Every column of every list sorts as a clerk reads it: each header of each table is clicked (twice) on the
demo school, and the order shown is checked by kind — classes by grade then number, names by pinyin,
dates as dates, numbers as numbers, blanks last."""
from __future__ import annotations

import re
from datetime import date

from pypinyin import lazy_pinyin
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTableView

from schooldesk.db.database import Database
from schooldesk.services.classes import list_classes
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.builders import demo_school, make_id

TODAY = date(2026, 11, 24)
GRADES = "一二三四五六七八九"
CLASS = re.compile(r"^([一二三四五六七八九])年级(?:\((\d+)\)班)?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
POLYPHONIC_SURNAMES = set("曾单解仇朴查区盖缪翟乐覃尉种秘黑长召员")


def _kind(text: str) -> tuple[int, object]:
    """What the test expects, written out on its own: numbers, dates, classes, text, blanks — in that order."""
    if text == "":
        return 4, None
    if NUMBER.match(text):
        return 0, float(text)
    if DAY.match(text):
        return 1, text
    found = CLASS.match(text)
    if found:
        return 2, (GRADES.index(found[1]), int(found[2] or 0))
    return 3, text


def _in_order(a: str, b: str) -> bool:
    (rank_a, value_a), (rank_b, value_b) = _kind(a), _kind(b)
    if rank_a != rank_b:
        return rank_a < rank_b
    if rank_a in (0, 1, 2):
        return value_a <= value_b  # type: ignore[operator]
    if rank_a == 4 or a[:1] in POLYPHONIC_SURNAMES or b[:1] in POLYPHONIC_SURNAMES:
        return True  # a surname read as a surname: checked by name below
    if not re.search(r"[\u4e00-\u9fff]", a + b) or re.search(r"\d", a + b):
        return True  # free text mixing digits: natural order is checked in test_sort_keys
    return lazy_pinyin(a)[:1] <= lazy_pinyin(b)[:1]


def _column(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() or "" for r in range(model.rowCount())]


def _click_header(qtbot, table: QTableView, column: int) -> None:  # type: ignore[no-untyped-def]
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _check_every_header(qtbot, table: QTableView) -> int:  # type: ignore[no-untyped-def]
    checked = 0
    for column in range(table.model().columnCount()):
        if table.isColumnHidden(column):
            continue
        _click_header(qtbot, table, column)
        shown = _column(table, column)
        ascending = table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        if not ascending:  # a header already sorted by flips: click once more for ascending
            _click_header(qtbot, table, column)
            shown = _column(table, column)
        header = table.model().headerData(column, Qt.Orientation.Horizontal)
        bad = [(a, b) for a, b in zip(shown, shown[1:]) if not _in_order(a, b)]
        assert not bad, (table.objectName(), header, bad[:3])
        _click_header(qtbot, table, column)  # descending: the same order backwards, blanks aside
        down = [v for v in _column(table, column) if v]
        assert down == sorted(down, key=lambda v: shown.index(v), reverse=True) or len(set(down)) < len(down), header
        checked += 1
    return checked


def _pupils_with_support(db: Database) -> list[int]:
    """Two pupils whose profiles have the most rows to sort (support records, care, a dropout case)."""
    from sqlalchemy import func, select

    from schooldesk.db.models import SupportRecord

    with db.transaction() as session:
        return list(session.scalars(select(SupportRecord.pupil_id).group_by(SupportRecord.pupil_id)
                                    .order_by(func.count().desc()).limit(2)))


def test_every_header_of_every_list_sorts_in_the_clerks_order(qtbot, zh_app, db: Database) -> None:  # type: ignore[no-untyped-def]
    demo_school(db, today=TODAY)
    state = AppState(db)
    [grade3] = [c for c in list_classes(db, state.school_year) if c.grade == 3][:1]
    for name, serial in (("曾一凡", 71), ("陈二丫", 72), ("曹三多", 73)):
        born = date(2017, 3, serial - 60)
        add_pupil(db, PupilInput(name=name, gender="女", birth_date=born, id_number=make_id(born, "女", serial=serial),
                                 school_year=state.school_year, class_id=grade3.id))
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    tables = 0
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        for table in window.stack.currentWidget().findChildren(QTableView):
            if table.isVisible() and table.model().rowCount() > 1:
                tables += 1
                _check_every_header(qtbot, table)
    assert tables >= 5

    # the windows opened from the pages: a pupil's profile, a child's visit log, the audit trail
    from schooldesk.ui.audit_dialog import AuditDialog
    from schooldesk.ui.pupil_profile import PupilProfileWindow

    home_teaching = window.pages[3][1]
    window.nav.setCurrentRow(3)
    home_teaching.table.selectRow(0)
    log_window = home_teaching.open_selected()
    profiles = []
    for pupil_id in _pupils_with_support(db):
        profile = PupilProfileWindow(state, pupil_id, window)
        qtbot.addWidget(profile)
        profiles.append(profile)
    audit = AuditDialog(db, window)
    qtbot.addWidget(audit)
    for opened in (log_window, *profiles, audit):
        opened.show()  # type: ignore[union-attr]
        for table in opened.findChildren(QTableView):  # type: ignore[union-attr]
            if table.model().rowCount() > 1:
                tables += 1
                _check_every_header(qtbot, table)
        opened.close()  # type: ignore[union-attr]
    assert tables >= 10

    unsorted = MainWindow(AppState(db)).page(1)  # before any header is clicked: the service's own order
    first = [n for n in _column(unsorted.table, 0) if n in ("曾一凡", "陈二丫", "曹三多")]
    assert first == ["曹三多", "陈二丫", "曾一凡"]
    pupils = window.pages[1][1]
    window.nav.setCurrentRow(1)
    name_column = 0
    _click_header(qtbot, pupils.table, name_column)
    names = [n for n in _column(pupils.table, name_column) if n in ("曾一凡", "陈二丫", "曹三多")]
    assert names == ["曹三多", "陈二丫", "曾一凡"]  # cao < chen < zeng: by full pinyin, 曾 read as a surname
    class_column = 3
    _click_header(qtbot, pupils.table, class_column)
    grades = [_kind(c)[1] for c in _column(pupils.table, class_column) if c]
    assert grades == sorted(grades) and grades[0][0] == 0  # type: ignore[index]
