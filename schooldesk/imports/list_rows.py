"""What every list read from a sheet by its column names shares (the teachers, the villages' children): find the
header among the top rows, skip blank and totals lines, and read each line's cells by field, a cell holding an
Excel error being a problem on its row. Each list says which headers it knows and how one line is read."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.cells import strip_code, text
from schooldesk.imports.pupil_headers import find_header, normalise_header
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


L = TypeVar("L", bound=Line)
GENDERS = {"男": "男", "女": "女", "1": "男", "2": "女", "男性": "男", "女性": "女"}


def gender(cells: Cells) -> tuple[str, str]:
    """(男 or 女, '') from the cell (1-男 and 2 too), or ('', the text) when it is something else."""
    written = strip_code(cells.text("gender"))
    return (GENDERS[written], "") if written in GENDERS else ("", written)


def read_list(sheet: Sheet, synonyms: dict[str, tuple[str, ...]], least: int, no_header: str, line_type: type[L],
              read_line: Callable[[Cells, L], None]) -> SheetList[L]:
    """The header (姓名 and *least* columns of *synonyms* in all, among the top rows; else *no_header*, a message
    naming the sheet as %1), then each line: a line without a name, or with an Excel error in a cell, is an error;
    the others are read on by *read_line*."""
    by_name = {normalise_header(name): key for key, names in synonyms.items() for name in names}
    found = find_header(sheet.rows, lambda header: by_name.get(normalise_header(header)), least=least)
    if found is None:
        raise UnreadableFileError(no_header, sheet.name)
    index, columns = found
    headers = {key: text(sheet.rows[index][column]) for key, column in columns.items()}
    lines = []
    for number in range(index + 1, len(sheet.rows)):
        cells = sheet.rows[number]
        if all(text(c) == "" for c in cells) or any(w in text(c) for c in cells[:3] for w in TOTALS_WORDS):
            continue
        lines.append(_line(Cells(number + 1, cells, columns, headers), line_type, read_line))
    return SheetList(index + 1, headers, lines, sheet)


def _line(cells: Cells, line_type: type[L], read_line: Callable[[Cells, L], None]) -> L:
    line = line_type(cells.row, errors=cells.error_cells())
    if line.errors:
        return line
    name = cells.name()
    if not name:
        line.errors.append(cells.problem("name", "missing_name", QT_TRANSLATE_NOOP("Errors", "The name is empty.")))
        return line
    line.values["name"] = name[:30]
    read_line(cells, line)
    return line
