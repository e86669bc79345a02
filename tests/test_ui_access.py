"""Accounts and roles through the real widgets: users and the audit trail for an administrator, a
teacher's reduced desk."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QWidget

from schooldesk.db.database import Database
from schooldesk.services.login import SignedIn, sign_in
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.dialogs.user_dialog import ResetPasswordDialog, UserDialog
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.pages.pupils import PupilsPage
from schooldesk.ui.pages.settings import SettingsPage
from schooldesk.ui.state import AppState

PAGE_PUPILS, PAGE_SETTINGS = 1, 12


def _visible(kind: type, opener: QWidget) -> QDialog:
    """The dialog of *kind* that *opener* has just opened (not one another test left behind)."""
    return next(w for w in opener.findChildren(kind) if w.isVisible())


def _window(qtbot, db: Database, user: SignedIn) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db, user=user))
    qtbot.addWidget(window)
    window.show()
    return window


def test_administrator_adds_a_teacher_account_and_reads_the_audit_trail(qtbot, zh_app, school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    li = add_teacher(school_db, TeacherInput("李春梅", "女")).id
    window = _window(qtbot, school_db, sign_in(school_db, "admin", "correct horse"))
    settings: SettingsPage = window.pages[PAGE_SETTINGS][1]  # type: ignore[assignment]
    users = settings.users
    assert users is not None and users.model.rowCount() == 1
    users.add_button.click()
    dialog: UserDialog = _visible(UserDialog, users)  # type: ignore[assignment]
    dialog.username.setText("li")
    dialog.role.setCurrentIndex(dialog.role.findData("teacher"))
    dialog.teacher.set_teacher(li)
    dialog.password.setText("li-password-1")  # type: ignore[union-attr]
    dialog.repeat.setText("li-password-2")  # type: ignore[union-attr]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "不一致" in dialog.form.error_text("repeat")
    dialog.repeat.setText("li-password-1")  # type: ignore[union-attr]
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible() and users.model.rowCount() == 2
    assert sign_in(school_db, "li", "li-password-1").teacher_id == li

    users.table.selectRow([u.username for u in users.model.rows()].index("li"))
    users.password_button.click()
    reset: ResetPasswordDialog = _visible(ResetPasswordDialog, users)  # type: ignore[assignment]
    reset.password.setText("li-new-pass-3")
    reset.repeat.setText("li-new-pass-3")
    reset.buttons.button(reset.buttons.StandardButton.Save).click()
    assert sign_in(school_db, "li", "li-new-pass-3").username == "li"

    audit = users.open_audit()
    qtbot.addWidget(audit)
    texts = [audit.model.index(r, 3).data() for r in range(audit.model.rowCount())]
    assert any("用户" in t and "li" in t for t in texts)
    changes = " ".join(audit.model.index(r, 4).data() for r in range(audit.model.rowCount()))
    assert "密码：*** → ***" in changes and "$argon2" not in changes
    audit.user.setCurrentIndex(audit.user.findData("admin"))
    assert all(audit.model.index(r, 1).data() == "admin" for r in range(audit.model.rowCount()))
    assert audit.export_to(tmp_path / "audit.xlsx")
    exported = load_workbook(tmp_path / "audit.xlsx").active
    assert exported["A3"].value == "时间"  # the kit's layout: title, 填报单位, header
    assert len([r for r in exported.iter_rows(min_row=4, values_only=True) if r[1]]) == audit.model.rowCount()


def test_a_teacher_sees_settings_greyed_and_cannot_add_pupils(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.domain.access import Actor
    from schooldesk.services.users import UserInput, create_user

    li = add_teacher(school_db, TeacherInput("李春梅", "女")).id
    school_db.actor = Actor("admin", "admin")
    create_user(school_db, UserInput("li", "teacher", li, "li-password-1"))
    window = _window(qtbot, school_db, sign_in(school_db, "li", "li-password-1"))
    settings: SettingsPage = window.pages[PAGE_SETTINGS][1]  # type: ignore[assignment]
    assert settings.users is None and not settings.home_teaching_rule.isEnabled()
    assert not settings.backups.restore_button.isVisible() or not settings.is_admin
    pupils: PupilsPage = window.pages[PAGE_PUPILS][1]  # type: ignore[assignment]
    assert not pupils.new_button.isEnabled() and not pupils.import_button.isEnabled()
    assert school_db.actor == Actor("li", "teacher", li)


def test_the_desk_locks_when_idle_and_only_the_password_unlocks_it(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.login_dialog import LoginDialog

    window = _window(qtbot, school_db, sign_in(school_db, "admin", "correct horse"))
    window.idle.set_minutes(0.001)  # 60 ms
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert not window.centralWidget().isVisible()
    lock: LoginDialog = window.lock_dialog  # type: ignore[assignment]
    assert lock.isVisible() and lock.username.text() == "admin" and lock.username.isReadOnly()
    lock.password.setText("wrong horse")
    assert not lock.try_sign_in() and window.is_locked and "错误" in lock.message.text()
    lock.password.setText("correct horse")
    assert lock.try_sign_in()
    assert not window.is_locked and window.centralWidget().isVisible()


def test_input_keeps_the_desk_unlocked_and_one_filter_serves_every_window(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    """Typing now and then keeps the lock away; once it stops, the desk locks. However many windows were opened
    (and a clerk signs out and in again), one application-wide filter watches the input."""
    from PySide6.QtCore import Qt

    from schooldesk.ui.idle_lock import InputSeen, input_seen

    user = sign_in(school_db, "admin", "correct horse")
    window, again = _window(qtbot, school_db, user), _window(qtbot, school_db, user)
    assert input_seen(zh_app) is input_seen(zh_app)
    assert sum(isinstance(child, InputSeen) for child in zh_app.children()) == 1
    window.idle.set_minutes(0.004)  # 240 ms
    for _ in range(8):  # 8 × 100 ms of typing: longer than the interval, never idle that long
        qtbot.keyClick(window, Qt.Key.Key_Shift)
        qtbot.wait(100)
        assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert not again.is_locked  # (its own interval is the 10 minutes of the settings)


def test_five_wrong_passwords_at_the_lock_lock_the_account(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, school_db, sign_in(school_db, "admin", "correct horse"))
    window.lock()
    lock = window.lock_dialog
    assert lock is not None
    for attempt in range(5):
        lock.password.setText(f"guess-{attempt}")
        lock.try_sign_in()
    assert "账户已锁定" in lock.message.text()
    lock.password.setText("correct horse")
    assert not lock.try_sign_in() and window.is_locked
    lock.reject()  # giving up at the lock closes the app rather than unlocking it
    assert not window.isVisible() and not lock.isVisible()


def test_closing_the_app_with_unsaved_settings_asks(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from schooldesk.services.school import get_school

    window = _window(qtbot, school_db, sign_in(school_db, "admin", "correct horse"))
    settings: SettingsPage = window.pages[PAGE_SETTINGS][1]  # type: ignore[assignment]
    assert not settings.has_unsaved_edits()
    settings.school_form.edits["principal"].setText("王建国")
    window.close()
    assert window.isVisible() and window.close_question is not None and window.current_page() is settings
    window.close_question.button(QMessageBox.StandardButton.Save).click()
    assert not window.isVisible()
    assert get_school(school_db).principal == "王建国"  # type: ignore[union-attr]


def test_an_unsaved_rule_change_is_asked_about_too(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from schooldesk.services.home_teaching_rules import visit_rules

    window = _window(qtbot, school_db, sign_in(school_db, "admin", "correct horse"))
    settings: SettingsPage = window.pages[PAGE_SETTINGS][1]  # type: ignore[assignment]
    settings.home_teaching_rule.min_visits.setValue(3)
    assert settings.has_unsaved_edits()
    window.close()
    window.close_question.button(QMessageBox.StandardButton.Save).click()  # type: ignore[union-attr]
    assert not window.isVisible() and visit_rules(school_db)[0].min_visits == 3


def test_only_an_administrator_restores(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from schooldesk.domain.access import AccessDenied, Actor
    from schooldesk.services.users import UserInput, create_user

    school_db.actor = Actor("admin", "admin")
    create_user(school_db, UserInput("clerk", "office", None, "clerk-password-1"))
    state = AppState(school_db, user=sign_in(school_db, "clerk", "clerk-password-1"))
    backup = state.back_up("manual")
    with pytest.raises(AccessDenied):
        state.restore(backup.path)
