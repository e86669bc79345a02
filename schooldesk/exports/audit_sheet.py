"""The audit trail as an Excel workbook for the bureau or the principal."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from schooldesk.exports.files import write_atomically
from schooldesk.services.audit import AuditRow

HEADERS = ("时间", "用户", "操作", "记录类别", "记录编号", "记录", "修改内容（字段：原值 → 新值）")
WIDTHS = (20, 12, 8, 14, 10, 16, 90)


def write_audit_xlsx(path: Path, rows: Sequence[AuditRow]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "审计日志"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.at, row.username, row.action_zh, row.kind_zh, row.record_id, row.label, row.changes_text])
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    sheet.freeze_panes = "A2"
    return write_atomically(path, lambda partial: workbook.save(partial))
