"""The receiver's list of its schools (a 中心校's 教学点, a county's schools): 学校标识码, 学校名称 and 乡镇 read by
their headers from an .xlsx/.xls or a .csv, so a merge can say which schools have not sent their bundle."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.cells import text
from schooldesk.imports.pupil_headers import find_header, normalise_header
from schooldesk.imports.spreadsheet import UnreadableFileError, read_sheet

SYNONYMS = {"code": ("学校标识码", "学校代码", "标识码"), "name": ("学校名称", "学校", "校名", "教学点"),
            "township": ("乡镇", "乡（镇）", "所属乡镇")}
_BY_NAME = {name: field for field, names in SYNONYMS.items() for name in names}
HEADER_ROWS = 10  # the header is looked for among the top rows only
NO_HEADER = QT_TRANSLATE_NOOP("Errors", "%1 has no header row with 学校标识码 and 学校名称 among its first ten rows.")


def _field(header: Any) -> str | None:
    return _BY_NAME.get(normalise_header(header))


def _code_or_name(header: Any) -> str | None:
    field = _field(header)
    return field if field in ("code", "name") else None


def _cell(line: list[Any], column: int | None) -> str:
    return text(line[column]) if column is not None and column < len(line) else ""


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
    found = find_header(rows[:HEADER_ROWS], _code_or_name, least=2)  # the first row naming both
    if found is None:
        raise UnreadableFileError(NO_HEADER, path)
    index, columns = found
    township = next((c for c, header in enumerate(rows[index]) if _field(header) == "township"), None)
    return [(_cell(line, columns["code"]), _cell(line, columns["name"]), _cell(line, township))
            for line in rows[index + 1:] if _cell(line, columns["code"])]
