"""The receiver's list of its schools (a 中心校's 教学点, a county's schools): 学校标识码, 学校名称 and 乡镇 read by
their headers from an .xlsx/.xls or a .csv, so a merge can say which schools have not sent their bundle."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.spreadsheet import UnreadableFileError, read_sheet

CODE, NAME, TOWNSHIP = ("学校标识码", "学校代码", "标识码"), ("学校名称", "学校", "校名", "教学点"), ("乡镇", "乡（镇）", "所属乡镇")
NO_HEADER = QT_TRANSLATE_NOOP("Errors", "%1 has no header row with 学校标识码 and 学校名称 among its first ten rows.")


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_school_list(path: Path) -> list[tuple[str, str, str]]:
    """(code, name, 乡镇) of each school listed; a line without a code is skipped."""
    if path.suffix.lower() == ".csv":
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows: list[list[Any]] = list(csv.reader(handle))
        except (OSError, UnicodeDecodeError) as error:
            raise UnreadableFileError(QT_TRANSLATE_NOOP("Errors", "The file %1 cannot be read."), path) from error
    else:
        rows = read_sheet(path).rows
    for number, row in enumerate(rows[:10]):
        headers = [_cell(v) for v in row]
        code = next((headers.index(h) for h in CODE if h in headers), None)
        name = next((headers.index(h) for h in NAME if h in headers), None)
        if code is None or name is None:
            continue
        township = next((headers.index(h) for h in TOWNSHIP if h in headers), None)
        found = []
        for line in rows[number + 1:]:
            cells = [_cell(v) for v in line] + [""] * len(headers)
            if cells[code]:
                found.append((cells[code], cells[name], cells[township] if township is not None else ""))
        return found
    raise UnreadableFileError(NO_HEADER, path)
