"""The main window: navigation between areas, the semester switcher, shortcuts, status bar."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget,
    QToolBar, QWidget,
)

from schooldesk.services.backups import CLOCK_WRONG
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.i18n import error_text
from schooldesk.ui.errors import ask_to_save, show_error, show_notice
from schooldesk.ui.idle_lock import IdleWatcher, idle_minutes
from schooldesk.ui.login_dialog import LoginDialog
from schooldesk.ui.pages.home import HomePage
from schooldesk.ui.state import SCHOOL, SEMESTERS, AppState
from schooldesk.ui.window_state import PreservesGeometry


BACKUP_CHECK_MS = 30 * 60 * 1000  # is today's backup still due?
FIRST_BACKUP_CHECK_MS = 60 * 1000
DEFAULT_SIZE = QSize(1100, 700)
ROOM_AROUND = QSize(100, 80)  # title bar, frame and a little desktop: less than this, and the window starts maximized


class MainWindow(PreservesGeometry, QMainWindow):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.state = state
        # Each page is built on its first visit (the home page at once): a clerk who only checks the home
        # page never waits for the pupil list of 1,500 or the reports.
        self._page_makers: list[tuple[str, Callable[[], QWidget]]] = [
            (self.tr("Home"), lambda: HomePage(state)),
            (self.tr("Pupils"), _PageMaker("pupils", "PupilsPage", state)),
            (self.tr("Village children"), _PageMaker("catchment", "CatchmentPage", state)),
            (self.tr("Home teaching"), _PageMaker("home_teaching", "HomeTeachingPage", state)),
            (self.tr("Lesson observation"), _PageMaker("observations", "ObservationsPage", state)),
            (self.tr("Mentoring"), _PageMaker("mentorship", "MentorshipPage", state)),
            (self.tr("Activities"), _PageMaker("activities", "ActivitiesPage", state)),
            (self.tr("Reports"), _PageMaker("reports", "ReportsPage", state)),
            (self.tr("Hand-in"), _PageMaker("export", "ExportPage", state)),
            (self.tr("Work summaries"), _PageMaker("summaries", "SummariesPage", state)),
            (self.tr("Teachers"), _PageMaker("teachers", "TeachersPage", state)),
            (self.tr("Classes"), _PageMaker("classes", "ClassesPage", state)),
            (self.tr("Settings"), _PageMaker("settings", "SettingsPage", state)),
        ]
        self._built: dict[int, QWidget] = {}
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px 12px; }")
        self.stack = QStackedWidget(self)
        for title, _make in self._page_makers:
            QListWidgetItem(title, self.nav)
            self.stack.addWidget(QWidget(self.stack))  # a placeholder until the page is first shown
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8))
        self.page(0)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self.data_label = QLabel(fill(self.tr("Data folder: %1"), (str(state.db.path.parent),)), self)
        self.statusBar().addPermanentWidget(self.data_label)
        if state.user is not None:
            self.user_label = QLabel(fill(self.tr("Signed in: %1"), (state.user.username,)), self)
            self.statusBar().addPermanentWidget(self.user_label)
        state.watch(self, {SCHOOL, SEMESTERS}, self._update_title)
        state.clock_wrong.connect(lambda: show_error(self, SchoolDeskError(CLOCK_WRONG)))
        state.clock_right_again.connect(lambda notice: show_notice(self, error_text(notice)))
        state.watch(self, {SEMESTERS}, self._fill_semesters)
        self._update_title()
        self.nav.setCurrentRow(0)
        self.resize(DEFAULT_SIZE)
        self._remembered = self.restore_window_state()
        self.statusBar().showMessage(self.tr("Ready"), 3000)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self._daily_backup)
        self.backup_timer.start()
        self.lock_dialog: LoginDialog | None = None
        self._hidden_windows: list[QWidget] = []
        self._discard_edits = False
        self.close_question: QMessageBox | None = None
        self.leave_question: QMessageBox | None = None
        self.idle = IdleWatcher(self)
        if state.user is not None:  # nothing to unlock with when nobody signed in (tests, self-test)
            self.idle.idle.connect(self.lock)
        QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self._daily_backup)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.new_action = self._action(self.tr("&New"), QKeySequence.StandardKey.New, self.new_record, toolbar)
        self.find_action = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find, self.find, toolbar)
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.save, None)
        self.close_action = self._action(self.tr("&Close"), QKeySequence.StandardKey.Close, self.close, None)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, None)
        last = len(self._page_makers) - 1
        for number in [*range(min(9, last)), last]:  # Ctrl+1 … Ctrl+9 for the first nine, Ctrl+0 for 设置
            key = "0" if number == last else str(number + 1)
            self._action(f"page{number + 1}", QKeySequence(f"Ctrl+{key}"),
                         lambda _checked=False, n=number: self.nav.setCurrentRow(n), None)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Semester: "), self))
        self.semester_box = QComboBox(self)
        self.semester_box.setObjectName("semesterSwitcher")
        self.semester_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.semester_box.activated.connect(self._semester_chosen)
        toolbar.addWidget(self.semester_box)
        self._fill_semesters()

    def _action(self, text: str, keys: Any, slot: Any, toolbar: QToolBar | None) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if toolbar is not None:
            toolbar.addAction(action)
        return action

    def _fill_semesters(self) -> None:
        self.semester_box.clear()
        for semester in reversed(self.state.semesters):
            self.semester_box.addItem(semester.label_zh, semester)
            if semester == self.state.semester:
                self.semester_box.setCurrentIndex(self.semester_box.count() - 1)

    def _semester_chosen(self, index: int) -> None:
        self.state.choose_semester(self.semester_box.itemData(index))

    def show_first(self) -> None:
        """Show the window as it was left, or, the first time on a small screen (a 1366×768 office PC), maximized."""
        available = self.screen().availableGeometry().size()
        wanted = DEFAULT_SIZE + ROOM_AROUND
        if not self._remembered and (available.width() < wanted.width() or available.height() < wanted.height()):
            self.showMaximized()
        else:
            self.show()

    def _update_title(self) -> None:
        school = self.state.school
        self.setWindowTitle(f"{school.name} — SchoolDesk" if school else "SchoolDesk")

    def page(self, number: int) -> QWidget:
        """Page *number*, built now if this is its first visit."""
        built = self._built.get(number)
        if built is None:
            built = self._built[number] = self._page_makers[number][1]()
            placeholder = self.stack.widget(number)
            current = self.stack.currentIndex()
            self.stack.insertWidget(number, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
        return built

    def open_page(self, name: str) -> QWidget:
        """Show the page whose object name is *name* (e.g. ``ObservationsPage``), building it if need be."""
        number = next(n for n, (_title, make) in enumerate(self._page_makers)
                      if getattr(make, "page_name", "") == name)
        self.nav.setCurrentRow(number)
        return self.page(number)

    def show_page(self, number: int) -> None:
        """Show page *number*; leaving a page with typed, unsaved edits (设置) asks first: save, discard, stay."""
        if not 0 <= number < len(self._page_makers):
            return
        here = self.stack.currentWidget()
        if here is not self._built.get(number) and getattr(here, "has_unsaved_edits", lambda: False)():
            self.nav.blockSignals(True)  # stay put until answered
            self.nav.setCurrentRow(self.stack.indexOf(here))
            self.nav.blockSignals(False)
            self.leave_question = ask_to_save(self, lambda button: self._leave_answered(button, here, number),
                                              "leaveQuestion")
            return
        self.stack.setCurrentWidget(self.page(number))

    def _leave_answered(self, button: QMessageBox.StandardButton, page: QWidget, number: int) -> None:
        if button == QMessageBox.StandardButton.Save:
            page.save()  # type: ignore[attr-defined]
            if page.has_unsaved_edits():  # type: ignore[attr-defined]
                return  # a rule was broken: the page shows it; stay
        elif button == QMessageBox.StandardButton.Discard:
            page.discard_edits()  # type: ignore[attr-defined]
        else:
            return
        self.nav.setCurrentRow(number)

    @property
    def pages(self) -> list[tuple[str, QWidget]]:
        """Every page with its title (builds those not yet visited)."""
        return [(title, self.page(n)) for n, (title, _make) in enumerate(self._page_makers)]

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def new_record(self) -> None:
        page = self.current_page()
        if hasattr(page, "new_record"):
            page.new_record()

    def find(self) -> None:
        page = self.current_page()
        if hasattr(page, "focus_find"):
            page.focus_find()

    def save(self) -> None:
        page = self.current_page()
        if hasattr(page, "save"):
            page.save()

    def _daily_backup(self) -> None:
        try:
            self.state.back_up_if_due()
        except SchoolDeskError as error:
            self.statusBar().showMessage(error_text(error), 10000)

    def _close_answered(self, button: QMessageBox.StandardButton, pages: list[QWidget]) -> None:
        if button == QMessageBox.StandardButton.Save:
            for page in pages:
                page.save()  # type: ignore[attr-defined]
            if self.unsaved_pages():
                return  # a rule was broken: the page shows it; stay open
        if button in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
            self._discard_edits = True
            self.close()

    @property
    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Hide every page and ask the signed-in user's password."""
        if self.is_locked or self.state.user is None:
            return
        self.idle.paused = True
        self.centralWidget().hide()
        for widget in QApplication.topLevelWidgets():  # open forms and profiles too: they show records
            if widget is not self and widget.isVisible() and widget.isWindow():
                widget.hide()
                self._hidden_windows.append(widget)
        school = self.state.school
        self.lock_dialog = LoginDialog(self.state.db, school.name if school else "", self,
                                       locked_for=self.state.user.username)
        self.lock_dialog.signed_in.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.close)
        self.lock_dialog.open()

    def _unlocked(self, user: object) -> None:
        self.lock_dialog = None
        self.centralWidget().show()
        for widget in self._hidden_windows:
            widget.show()
        self._hidden_windows = []
        self.idle.paused = False
        self.idle.set_minutes(idle_minutes())

    def unsaved_pages(self) -> list[QWidget]:
        return [page for _n, page in sorted(self._built.items())
                if getattr(page, "has_unsaved_edits", lambda: False)()]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        unsaved = [] if self._discard_edits or self.is_locked else self.unsaved_pages()
        if unsaved:  # never lose typing silently: ask, and close once answered
            event.ignore()
            self.nav.setCurrentRow(self.stack.indexOf(unsaved[0]))
            self.close_question = ask_to_save(self, lambda button: self._close_answered(button, unsaved), "closeQuestion")
            return
        self.save_window_state()
        try:
            self.state.back_up("close")
        except SchoolDeskError:
            pass  # never keep a clerk from closing; the daily backup tries again tomorrow
        super().closeEvent(event)


def _page(module: str, name: str, state: AppState) -> QWidget:
    """Import and build a page when it is first visited."""
    from importlib import import_module

    return getattr(import_module(f"schooldesk.ui.pages.{module}"), name)(state)  # type: ignore[no-any-return]


class _PageMaker:
    """Builds one page on its first visit; knows the page's class name before it exists."""

    def __init__(self, module: str, page_name: str, state: AppState) -> None:
        self.module, self.page_name, self.state = module, page_name, state

    def __call__(self) -> QWidget:
        return _page(self.module, self.page_name, self.state)
