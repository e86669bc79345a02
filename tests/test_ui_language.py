"""No English in the Chinese interface: every window and dialog of the app is opened in zh_CN on the demo
school, and every visible text (labels, buttons, titles, headers, tabs, choices, placeholders) is checked for
Latin words outside a short allow-list."""
from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget,
    QTableView, QTabWidget, QTreeWidget, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.builders import demo_school

TODAY = date(2026, 11, 24)
ALLOWED = {"PDF", "Excel", "USB", "ID", "SchoolDesk", "Ctrl", "WPS", "ttf", "ttc", "xlsx", "xls", "pdf", "jpg",
           "jpeg", "png", "admin", "demo", "AES", "Enter", "Esc", "Tab", "zsh", "English", "zip", "txt", "MB", "Word", "docx"}  # zsh: pinyin initials
PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；：）)]*")  # a file or folder shown to the clerk
FILE = re.compile(r"[\w.-]+\.(?:pdf|xlsx|xls|jpg|jpeg|png|ttf|ttc|sqlite3|zip)\b", re.I)
LATIN = re.compile(r"[A-Za-z]{2,}")


def texts_of(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a clerk can see in *window*."""
    found = [("title", window.windowTitle())]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel):
            found.append((name, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        if isinstance(widget, QLineEdit):
            found.append((name, widget.placeholderText()))
        if isinstance(widget, QComboBox) and not widget.isEditable():
            found += [(name, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            found += [(name, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            found += [(name, widget.item(i).text()) for i in range(widget.count())]
        if isinstance(widget, QTreeWidget):
            found += [(name, widget.headerItem().text(i)) for i in range(widget.columnCount())]
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model, header = widget.model(), widget.horizontalHeader()
            found += [(name, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(header.count()) if not header.isSectionHidden(c)]
    return found


def english_in(texts: list[tuple[str, str]], allowed: set[str]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        plain = FILE.sub("", PATH.sub("", re.sub(r"<[^>]+>|&\w+;", " ", text)))
        words = [w for w in LATIN.findall(plain) if w not in allowed]
        if words:
            bad.append((where, text))
    return bad


@pytest.fixture
def demo(db: Database) -> Database:
    demo_school(db, today=TODAY)
    return db


def _windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def open_everything(qtbot, demo: Database, check_page=None) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Every window and dialog of the app, opened on the demo school (each page checked as it is shown)."""
    state = AppState(demo)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    opened: list[QWidget] = []

    def look(widget: QWidget | None) -> None:
        assert widget is not None
        if not widget.isVisible():
            widget.show()
        QApplication.processEvents()
        opened.append(widget)

    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        look(window)
        if check_page is not None:
            check_page(window)
    pages = dict(window.pages)
    # the dialogs each page opens
    pupils = window.page(1)
    pupils.table.selectRow(0)
    for open_dialog in (pupils.new_record, pupils.edit_selected):
        open_dialog()
        look(QApplication.activeModalWidget() or _windows()[-1])
    look(pupils.open_import())
    profile = pupils.open_profile()
    look(profile)
    for button in (profile.add_care_button, profile.add_support_button, profile.open_case_button):
        button.click()
        look(QApplication.activeModalWidget())
    catchment = window.page(2)
    catchment.table.selectRow(0)
    look(catchment.edit_selected())
    look(catchment.import_list())
    look(catchment.check_status())
    home_teaching = window.page(3)
    home_teaching.table.selectRow(0)
    look(home_teaching.open_selected())
    log_window = home_teaching.window_for_plan
    log_window.visit_table.selectRow(0)
    look(log_window.add_visit())
    home_teaching.new_button.click()
    look(QApplication.activeModalWidget())
    observations = window.page(4)
    observations.table.selectRow(0)
    look(observations.edit_selected())
    look(observations.new_record())
    observations.tabs.setCurrentIndex(1)
    look(window)
    mentoring = window.page(5)
    mentoring.table.selectRow(0)
    pair_window = mentoring.open_selected()
    look(pair_window)
    look(pair_window.add_record())
    look(pair_window.open_assessment())
    look(mentoring.new_record())
    activities = window.page(6)
    activities.table.selectRow(0)
    look(activities.edit_selected())
    look(activities.new_record())
    activities.tabs.setCurrentIndex(1)
    look(window)
    for number in (10, 11):  # 教师, 班级
        page = window.page(number)
        page.new_record()
        look(QApplication.activeModalWidget())
    look(window.page(11).open_new_school_year())
    settings = window.page(12)
    settings.observation_rules.rubric_table.selectRow(1)
    look(settings.observation_rules.edit_rubric())
    look(settings.mentorship_rules.edit_template())
    look(settings.mentorship_rules.edit_form())
    look(settings.activity_rules.edit_kinds())
    look(settings.activity_rules.edit_frequency())
    look(settings.activity_rules.edit_due_dates())
    look(settings.users.open_audit())
    settings.users.add_button.click()
    look(QApplication.activeModalWidget())
    from schooldesk.ui.crash import UnexpectedErrorDialog
    from schooldesk.ui.login_dialog import LoginDialog
    from schooldesk.ui.setup_wizard import SetupWizard

    from schooldesk.ui.saving import file_dialog

    look(file_dialog(window, "pdf", "另存为PDF", "PDF (*.pdf)", lambda _paths: None, save_as="学生档案.pdf"))
    look(LoginDialog(demo, "石桥村小学"))
    look(UnexpectedErrorDialog("details", window))
    wizard = SetupWizard(demo)
    look(wizard)
    for _ in range(3):
        wizard.next()
        look(wizard)
    assert len(opened) >= 15 and pages
    return list({id(w): w for w in opened + _windows()}.values())


def test_every_window_and_dialog_speaks_chinese(qtbot, zh_app, demo: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.exports.sticks import removable_drives
    from schooldesk.services.users import list_users

    # user names and the sticks' own volume labels (SCHOOLUSB on the Windows lane) are the school's, not ours
    allowed = ALLOWED | {u.username for u in list_users(demo)} | {
        word for stick in removable_drives() for word in LATIN.findall(stick.label)}
    bad: list[tuple[str, str]] = []

    def check(widget: QWidget) -> None:
        bad.extend((f"{type(widget).__name__} › {where}", text) for where, text in english_in(texts_of(widget), allowed))

    for widget in open_everything(qtbot, demo, check):
        check(widget)
    assert not bad, sorted(set(bad))[:12]


MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics_of(window: QWidget) -> dict[str, list[str]]:
    """Shortcut letter → the visible labels and buttons that use it (Alt+letter must reach one place)."""
    letters: dict[str, list[str]] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton, QGroupBox)):
            continue
        if widget.window() is not window:
            continue  # a dialog opened over it has its own letters
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # a label's & works only with a buddy
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        for letter in MNEMONIC.findall(text.replace("&&", "")):
            letters.setdefault(letter.upper(), []).append(text)
    return letters


def test_every_form_has_unique_shortcut_letters(qtbot, zh_app, demo: Database) -> None:  # type: ignore[no-untyped-def]
    clashes: list[tuple[str, str, list[str]]] = []

    def check(widget: QWidget) -> None:
        clashes.extend((widget.windowTitle() or type(widget).__name__, letter, uses)
                       for letter, uses in mnemonics_of(widget).items() if len(uses) > 1)

    for widget in open_everything(qtbot, demo, check):
        check(widget)
    assert not clashes, "\n".join(sorted({f"{w} | {k} | {' / '.join(u)}" for w, k, u in clashes}))
