"""The administrator's recovery code on paper, to keep with the school seal: through the kit like every printout."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from schooldesk.exports.pdf_form import PdfResult, write_pdf, zh_date


def write_recovery_sheet(path: Path, *, school_name: str, code: str, printed: date | None = None,
                         font_path: str | Path | None = None) -> PdfResult:
    printed = printed or date.today()

    def build(form):  # type: ignore[no-untyped-def]
        big = ParagraphStyle("code", parent=form.title_style, fontSize=20, leading=30)
        return [
            *form.heading("SchoolDesk 管理员恢复码", school_name),
            form.text(f"生成日期：{zh_date(printed)}"), Spacer(0, 6 * mm),
            form.text(code, big), Spacer(0, 8 * mm),
            form.text("用途：所有管理员密码都忘记时，在 SchoolDesk 登录窗口点“忘记密码…”，输入本恢复码，即可为管理员"
                      "设置新密码。"),
            Spacer(0, 3 * mm),
            form.text("恢复码只能使用一次：使用后程序会给出新的恢复码，请打印新的一页替换本页。"),
            Spacer(0, 3 * mm),
            form.text("请将本页与学校公章一同妥善保管，不要拍照、不要发给他人。"),
            Spacer(0, 16 * mm),
            form.signatures("保管人签名：", "校长签名："),
        ]

    return write_pdf(path, title="管理员恢复码", author=school_name, build=build, font_path=font_path,
                     printed=printed)
