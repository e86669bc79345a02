"""A forgotten administrator password comes back from the sign-in window (忘记密码…), no command line; the code
is shown with 复制 and 打印 (a sheet through the kit), and every command's help follows --lang."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from schooldesk.domain.semester import default_term_dates
from schooldesk.services.login import sign_in
from schooldesk.services.rows import SchoolDetails
from schooldesk.services.setup import set_up_school
from tests.builders import run_cli, text_of


def test_the_sign_in_window_recovers_the_administrator_with_the_code(qtbot, zh_app, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.exports.recovery_sheet import write_recovery_sheet
    from schooldesk.ui.login_dialog import LoginDialog

    term1, term2 = default_term_dates(2025)
    code = set_up_school(db, school=SchoolDetails("石桥村小学", "2141051203"), term1=term1, term2=term2,
                         admin_username="admin", admin_password="forgotten-long-ago")
    db.actor = None  # the sign-in window: nobody is signed in
    login = LoginDialog(db, "石桥村小学")
    qtbot.addWidget(login)
    login.show()
    assert login.forgot_button.text() == "忘记密码(&F)…" and login.forgot_button.isEnabled()
    dialog = login.forgot_password()
    assert dialog is not None and dialog.isVisible()
    dialog.code.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    dialog.password.setText("new-password-1")
    dialog.repeat.setText("new-password-1")
    assert not dialog.try_save() and "恢复码" in dialog.form.error_text("code")
    dialog.code.setText(code.lower())
    assert dialog.try_save()
    shown = login.recovery
    assert shown is not None and shown.objectName() == "RecoveryCodeDialog" and shown.isVisible()
    new_code = shown.code_label.text()
    assert len(new_code) == 29 and new_code != code
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == new_code
    assert login.username.text() == "admin" and "admin" in login.message.text()
    assert sign_in(db, "admin", "new-password-1").username == "admin"

    sheet = write_recovery_sheet(tmp_path / "恢复码.pdf", school_name="石桥村小学", code=new_code)
    text = text_of(sheet.path)
    assert new_code in text and "忘记密码" in text and "保管人签名" in text and sheet.pages == 1


def test_every_commands_help_follows_the_language() -> None:
    from schooldesk.cli import build_parser
    from schooldesk.cli.help import ARGPARSE, HELP, help_texts

    missing = set(help_texts(build_parser())) - set(HELP) - set(ARGPARSE)
    assert not missing, f"add these to schooldesk/cli/help.py (and their Chinese): {sorted(missing)}"
    chinese = run_cli("import-teachers", "--help")
    assert chinese.returncode == 0 and "用法：" in chinese.stdout and "只检查和计数，不写入" in chinese.stdout
    assert "show this help" not in chinese.stdout
    top = run_cli("--help")
    assert "导入教师" in top.stdout and "SchoolDesk 学校档案台账" in top.stdout
    english = run_cli("import-teachers", "--help", "--lang", "en")
    assert "usage:" in english.stdout and "check and count only; write nothing" in english.stdout
