"""The main window and its teachers, classes and settings pages, driven through real widgets."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.classes import list_classes
from schooldesk.services.rows import TeacherInput
from schooldesk.services.school import get_school
from schooldesk.services.teachers import add_teacher, list_teachers
from schooldesk.ui.dialogs.class_dialog import ClassDialog
from schooldesk.ui.dialogs.teacher_dialog import TeacherDialog
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState

(PAGE_HOME, PAGE_PUPILS, PAGE_CATCHMENT, PAGE_HOME_TEACHING, PAGE_OBSERVATIONS, PAGE_MENTORING, PAGE_ACTIVITIES,
 PAGE_REPORTS, PAGE_EXPORT, PAGE_SUMMARIES, PAGE_TEACHERS, PAGE_CLASSES, PAGE_SETTINGS) = range(13)


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    _activate(qtbot, window)
    return window


def _activate(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts fire only in the active window; offscreen Qt activates nothing by itself."""
    widget.activateWindow()
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _open_dialog(qtbot, window: MainWindow, kind: type):  # type: ignore[no-untyped-def]
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: new record
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    return dialog


def test_teachers_add_with_validation_edit_and_deactivate(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_TEACHERS)
    page = window.current_page()
    assert page.model.rowCount() == 0

    dialog = _open_dialog(qtbot, window, TeacherDialog)
    qtbot.keyClicks(dialog.phone, "not-a-phone")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S: save
    assert dialog.isVisible()
    assert dialog.form.error_text("name") == "请填写姓名。"
    assert list_teachers(school_db) == [], "an invalid form saves nothing"

    dialog.name.setText("刘老师")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.form.error_text("name") == ""
    assert "7 到 20 位数字" in dialog.form.error_text("phone")
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "13912345678")
    dialog.subjects.setText("语文，数学")
    dialog.title_box.setCurrentText("一级教师")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert page.model.rowCount() == 1
    assert page.selected_row().name == "刘老师"
    assert page.selected_row().subjects == "语文、数学"

    page.edit_selected()
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TeacherDialog) and w.isVisible())
    qtbot.addWidget(editor)
    assert editor.name.text() == "刘老师"
    editor.name.setText("刘晓梅")
    editor.gender.setCurrentText("女")
    editor.try_save()
    assert [(t.name, t.gender) for t in list_teachers(school_db)] == [("刘晓梅", "女")]

    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0, "deactivated teachers leave the list"
    page.show_inactive.setChecked(True)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 6)) == "已停用"


def test_find_filters_the_teacher_list(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    for name in ("张明", "李红", "张丽"):
        add_teacher(school_db, TeacherInput(name=name, gender="女"))
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_TEACHERS)
    page = window.current_page()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_box.hasFocus()
    page.find_box.setText("张")
    assert page.proxy.rowCount() == 2
    page.find_box.clear()
    assert page.proxy.rowCount() == 3


def test_classes_add_duplicate_and_head_teacher(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    add_teacher(school_db, TeacherInput(name="王老师", gender="女"))
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_CLASSES)
    page = window.current_page()

    dialog = _open_dialog(qtbot, window, ClassDialog)
    dialog.grade.setCurrentIndex(2)
    dialog.number.setValue(2)
    assert dialog.name.placeholderText() == "三年级(2)班"
    dialog.head_teacher.setCurrentIndex(1)
    assert dialog.try_save()
    assert [(c.name, c.head_teacher_name) for c in list_classes(school_db, 2025)] == [("三年级(2)班", "王老师")]
    assert page.model.rowCount() == 1

    again = _open_dialog(qtbot, window, ClassDialog)
    again.grade.setCurrentIndex(2)
    again.number.setValue(2)
    assert not again.try_save()
    assert "本学年已有三年级(2)班" in again.form.error_text("number")
    assert len(list_classes(school_db, 2025)) == 1


def test_semester_switcher_changes_the_classes_shown(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.domain.semester import default_term_dates
    from schooldesk.services.classes import add_class
    from schooldesk.services.rows import ClassInput
    from schooldesk.services.semesters import set_school_year

    set_school_year(school_db, *default_term_dates(2024))
    add_class(school_db, ClassInput(2024, 1, 1))
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_CLASSES)
    page = window.current_page()
    labels = [window.semester_box.itemText(i) for i in range(window.semester_box.count())]
    assert labels[0] == "2025—2026学年第二学期" and "2024—2025学年第一学期" in labels
    assert page.model.rowCount() == 0
    index = labels.index("2024—2025学年第一学期")
    window.semester_box.setCurrentIndex(index)
    window.semester_box.activated.emit(index)
    assert window.state.semester.key == SemesterKey(2024, 1)
    assert page.model.rowCount() == 1


def test_settings_saves_school_details_and_shows_errors_at_the_field(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_SETTINGS)
    page = window.current_page()
    page.school_form.edits["code"].setText("99")
    page.save_school()
    assert "10 位数字" in page.school_form.error_text("code")
    assert get_school(school_db).code == "2141051203"  # type: ignore[union-attr]
    page.school_form.edits["code"].setText("2141051203")
    page.school_form.edits["name"].setText("石桥村完全小学")
    page.save_school()
    assert get_school(school_db).name == "石桥村完全小学"  # type: ignore[union-attr]
    assert window.windowTitle() == "石桥村完全小学 — SchoolDesk"
    assert window.current_page().school_form.error_text("code") == ""


def test_errors_without_a_field_show_in_a_box(qtbot, zh_app, school_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db)
    from schooldesk.services.rows import TeacherRow

    gone = TeacherRow(999, "鬼", "男", "", "", "", True)  # deleted elsewhere while the form was open
    dialog = TeacherDialog(school_db, gone, window)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    assert not dialog.try_save()
    assert shown == ["该教师已不存在。"]


def test_window_geometry_is_remembered(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    QSettings().remove("windows/MainWindow")
    first = _window(qtbot, school_db)
    first.resize(760, 520)  # the offscreen screen is 800x600
    first.close()
    second = _window(qtbot, school_db)
    assert (second.width(), second.height()) == (760, 520)


def test_home_page_shows_school_and_semester(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db)
    home = window.current_page()
    assert home.heading.text() == "石桥村小学"
    assert home.semester_label.text().startswith("当前学期：")
    add_teacher(school_db, TeacherInput(name="新老师", gender="男"))
    window.state.notify_changed()
    assert home.teachers_count.text() == "1"


def test_classes_sort_by_grade_not_by_text(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.classes import add_class
    from schooldesk.services.rows import ClassInput

    for grade, number in ((4, 1), (6, 1), (2, 2), (2, 1), (1, 1)):
        add_class(school_db, ClassInput(2025, grade, number))
    window = _window(qtbot, school_db)
    window.nav.setCurrentRow(PAGE_CLASSES)
    page = window.current_page()
    shown = lambda: [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]  # noqa: E731
    assert shown() == ["一年级(1)班", "二年级(1)班", "二年级(2)班", "四年级(1)班", "六年级(1)班"]
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown()[0] == "六年级(1)班" and shown()[-1] == "一年级(1)班"


def test_row_table_model_is_a_well_behaved_qt_model(qtmodeltester, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.table_model import Column, RowTableModel

    for name in ("甲", "乙"):
        add_teacher(school_db, TeacherInput(name=name, gender="男"))
    model = RowTableModel([Column("姓名", lambda t: t.name), Column("电话", lambda t: t.phone)],
                          dimmed=lambda t: not t.active)
    model.set_rows(list_teachers(school_db))
    qtmodeltester.check(model)


def test_views_refresh_for_what_changed_and_hidden_ones_when_shown(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    """A change names what it touched: a support record leaves the teacher list alone; a teacher added while
    the list is hidden shows when the list is next shown, not before."""
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher
    from schooldesk.ui.state import SUPPORT, TEACHERS

    window = _window(qtbot, school_db)
    teachers = window.page(PAGE_TEACHERS)
    window.nav.setCurrentRow(PAGE_TEACHERS)
    assert teachers.model.rowCount() == 0
    add_teacher(school_db, TeacherInput("王老师", "女"))
    window.state.notify_changed(SUPPORT)
    assert teachers.model.rowCount() == 0  # not its kind of data: not read again
    window.nav.setCurrentRow(0)
    window.state.notify_changed(TEACHERS)
    assert teachers.model.rowCount() == 0  # hidden: nothing read yet
    window.nav.setCurrentRow(PAGE_TEACHERS)
    assert teachers.model.rowCount() == 1  # read when shown
    assert len(window.pages) == 13


def test_the_app_and_its_windows_carry_the_icon(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.app import ICON_SIZES, make_application
    from schooldesk.config import resources_dir

    app = make_application("zh_CN")
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert sizes == {(n, n) for n in ICON_SIZES}
    assert (resources_dir() / "icon.ico").is_file() and (resources_dir() / "icon.svg").is_file()
    window = _window(qtbot, school_db)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().pixmap(32, 32).toImage().pixelColor(16, 4).blue() > 150  # the blue tile, drawn


def test_the_first_window_on_a_small_screen_is_maximized_and_later_as_left(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    QSettings().remove("windows/MainWindow")
    first = _window(qtbot, school_db)
    first.hide()
    first.show_first()  # the offscreen screen (800x600) is smaller than 1100x700 and room around it
    assert first.isMaximized()
    first.showNormal()
    first.resize(760, 520)
    first.close()
    second = _window(qtbot, school_db)
    second.hide()
    second.show_first()
    assert not second.isMaximized() and (second.width(), second.height()) == (760, 520)
