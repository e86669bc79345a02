"""What every list read from a sheet by its column names shares (the teachers, the villages' children): find the
header among the top rows, skip blank and totals lines, and read each line's cells by field, a cell holding an
Excel error being a problem on its row. Each list says which headers it knows and how one line is read."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.cells import text
from schooldesk.imports.pupil_headers import find_header
from schooldesk.imports.pupil_rows import TOTALS_WORDS, Problem
from schooldesk.imports.spreadsheet import CellError, Sheet, UnreadableFileError

T = TypeVar("T")


@dataclass
class Line:
    """One data line: its values by field (only those with a value), and its problems."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Cells:
    """One line's cells, read by field, with a problem made where the clerk will look for it."""

    row: int
    cells: list[Any]
    columns: dict[str, int]
    headers: dict[str, str]

    def raw(self, key: str) -> Any:
        column = self.columns.get(key)
        return self.cells[column] if column is not None and column < len(self.cells) else None

    def text(self, key: str) -> str:
        return text(self.raw(key))

    def problem(self, key: str, code: str, message: str, *args: object) -> Problem:
        return Problem(self.row, self.headers.get(key, ""), code, SchoolDeskError(message, *args))

    def error_cells(self) -> list[Problem]:
        return [self.problem(key, "error_cell", QT_TRANSLATE_NOOP(
            "Errors", "The cell holds the Excel error %1 (a formula that failed); correct it and import again."),
            self.raw(key).code) for key in self.columns if isinstance(self.raw(key), CellError)]

    def name(self) -> str:
        """The name with its spaces taken out (王 小明 → 王小明)."""
        return "".join(self.text("name").split())


@dataclass(frozen=True)
class SheetList(Generic[T]):
    header_row: int  # 1-based
    headers: dict[str, str]  # field → header as written
    lines: list[T]
    sheet: Sheet


def read_list(sheet: Sheet, known: Callable[[Any], str | None], least: int, no_header: str,
              read_line: Callable[[Cells], T]) -> SheetList[T]:
    """The header (姓名 and *least* known columns in all, among the top rows; else *no_header*, a message naming
    the sheet as %1), then each line read by *read_line*."""
    found = find_header(sheet.rows, known, least=least)
    if found is None:
        raise UnreadableFileError(no_header, sheet.name)
    index, columns = found
    headers = {key: text(sheet.rows[index][column]) for key, column in columns.items()}
    lines = []
    for number in range(index + 1, len(sheet.rows)):
        cells = sheet.rows[number]
        if all(text(c) == "" for c in cells) or any(w in text(c) for c in cells[:3] for w in TOTALS_WORDS):
            continue
        lines.append(read_line(Cells(number + 1, cells, columns, headers)))
    return SheetList(index + 1, headers, lines, sheet)
