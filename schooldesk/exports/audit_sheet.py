"""The audit trail as an Excel workbook for the bureau or the principal, on the kit's sheet layout."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from schooldesk.exports.sheets import Column, Sheet, write_workbook
from schooldesk.services.audit import AuditRow

COLUMNS = (
    Column(label="时间", value=lambda r: r.at.strftime("%Y-%m-%d %H:%M:%S"), width=20),
    Column(label="用户", value=lambda r: r.username, width=12),
    Column(label="操作", value=lambda r: r.action_zh, width=8),
    Column(label="记录类别", value=lambda r: r.kind_zh, width=14),
    Column(label="记录编号", value=lambda r: r.record_id, width=10),
    Column(label="记录", value=lambda r: r.record_text, width=16),
    Column(label="修改内容（字段：原值 → 新值）", value=lambda r: r.changes_text, width=90),
)


def write_audit_xlsx(path: Path, rows: Sequence[AuditRow], *, school_name: str = "") -> Path:
    """Every entry as text (a changed value that starts with = stays text, never a formula)."""
    write_workbook(path, [Sheet(name="审计日志", columns=COLUMNS, rows=rows)], school_name=school_name)
    return path
