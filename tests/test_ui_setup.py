"""First run: the wizard, driven like a clerk would, ends in the main window with the school's name."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from schooldesk.db.database import Database
from schooldesk.services.new_school_year import school_type
from schooldesk.services.school import get_school
from schooldesk.services.setup import is_set_up
from schooldesk.ui.launcher import Launcher


def _next(wizard: QWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_wizard_end_to_end(qtbot, zh_app, db: Database) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(db)
    launcher.start()
    wizard = launcher.wizard
    assert wizard is not None and launcher.window is None
    qtbot.addWidget(wizard)
    assert wizard.windowTitle() == "设置 SchoolDesk"

    school = wizard.school_page.form
    school.edits["name"].setText("石桥村小学")  # Chinese via setText: keyClicks cannot type it
    qtbot.keyClicks(school.edits["code"], "21410512")  # two digits short
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.school_page, "a bad code keeps the clerk on the page"
    assert "10 位数字" in school.error_text("code")
    school.edits["code"].clear()
    qtbot.keyClicks(school.edits["code"], "2141051203")
    school.edits["county"].setText("示范县")
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.school_page, "the kind of school is asked, never assumed"
    assert school.error_text("code") == "" and "学校类型" in school.error_text("school_type")
    kinds = wizard.school_page.kind
    assert [kinds.itemText(i) for i in range(kinds.count())] == ["小学", "初级中学", "九年一贯制学校", "教学点"]
    kinds.setCurrentIndex(kinds.findData("primary"))
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.terms_page

    terms = wizard.terms_page.form
    terms.year.setValue(2025)
    assert terms.term1_start.date().toPython().isoformat() == "2025-09-01"
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.admin_page

    admin = wizard.admin_page
    qtbot.keyClicks(admin.password, "office-2025")
    qtbot.keyClicks(admin.repeat, "office-2024")
    with qtbot.waitSignal(launcher.main_window_shown, timeout=3000, raising=False) as blocker:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not blocker.signal_triggered
    assert "不一致" in admin.form.error_text("repeat")
    assert not is_set_up(db), "nothing is written until every page is right"

    admin.repeat.clear()
    qtbot.keyClicks(admin.repeat, "office-2025")
    with qtbot.waitSignal(launcher.main_window_shown, timeout=3000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    window = launcher.window
    qtbot.addWidget(window)
    assert "石桥村小学" in window.windowTitle()
    assert window.semester_box.currentText().startswith("2025—2026学年")
    assert get_school(db).county == "示范县"  # type: ignore[union-attr]
    assert school_type(db) == "primary"
    assert window.user_label.text() == "已登录：admin", "the new administrator is signed in"
    code = wizard.admin_page.recovery_code
    notice = launcher.recovery_notice
    assert len(code) == 29 and notice.isVisible() and notice.code_label.text() == code
    assert "schooldesk recover-admin" not in notice.findChild(QLabel).text()  # no command line for a clerk


def test_sign_in_wrong_password_lockout_then_main_window(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(school_db)
    launcher.start()
    login = launcher.login
    assert launcher.wizard is None and launcher.window is None and login is not None
    qtbot.addWidget(login)
    assert login.windowTitle() == "登录 — SchoolDesk"
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, "wrong horse")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "用户名或密码错误。"
    assert login.password.text() == "" and launcher.window is None
    for attempt in range(4):
        login.password.setText(f"guess {attempt}")
        login.try_sign_in()
    assert "账户已锁定" in login.message.text() and "5 分钟" in login.message.text()
    login.password.setText("correct horse")
    assert not login.try_sign_in(), "locked even with the right password"
    assert launcher.window is None


def test_sign_in_opens_the_main_window(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(school_db)
    launcher.start()
    qtbot.addWidget(launcher.login)
    launcher.login.username.setText("admin")  # type: ignore[union-attr]
    launcher.login.password.setText("correct horse")  # type: ignore[union-attr]
    with qtbot.waitSignal(launcher.main_window_shown, timeout=3000):
        qtbot.keyClick(launcher.login.password, Qt.Key.Key_Return)  # type: ignore[union-attr]
    qtbot.addWidget(launcher.window)
    assert launcher.window.windowTitle() == "石桥村小学 — SchoolDesk"  # type: ignore[union-attr]
    assert launcher.window.user_label.text() == "已登录：admin"  # type: ignore[union-attr]


def test_cancelling_the_wizard_gives_up(qtbot, zh_app, db: Database) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(db)
    launcher.start()
    qtbot.addWidget(launcher.wizard)
    with qtbot.waitSignal(launcher.gave_up, timeout=3000):
        launcher.wizard.reject()  # type: ignore[union-attr]
    assert launcher.window is None and not is_set_up(db)
