"""Read the first useful sheet of an .xlsx or .xls file into plain rows, merged cells filled in.

Row and column numbers stay the spreadsheet's own (row 1 is Excel's row 1) so every problem can be
reported where the clerk will look for it.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


class UnreadableFileError(SchoolDeskError):
    """The file as a whole cannot be read: not a spreadsheet, encrypted, damaged, no header."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Any]]  # rows[0] is spreadsheet row 1; cells None when empty


def read_sheet(path: Path) -> Sheet:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            start = handle.read(1 << 20)
    except FileNotFoundError as error:
        raise UnreadableFileError(QT_TRANSLATE_NOOP("Errors", "The file %1 does not exist."), path) from error
    except OSError as error:
        raise UnreadableFileError(
            QT_TRANSLATE_NOOP("Errors", "The file %1 cannot be read: %2"), path, error.strerror
        ) from error
    if head.startswith(ZIP_MAGIC):
        return _read_xlsx(path)
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in start:
            raise UnreadableFileError(QT_TRANSLATE_NOOP(
                "Errors", "%1 is protected by a password. Open it in Excel or WPS, remove the password, save, and import again."
            ), path.name)
        return _read_xls(path)
    raise UnreadableFileError(
        QT_TRANSLATE_NOOP("Errors", "%1 is not an Excel workbook (.xlsx or .xls)."), path.name
    )


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with open(path, "rb") as handle:  # a handle, not the name: an .xlsx saved as ".xls" still opens
            workbook = openpyxl.load_workbook(handle, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as error:
        raise UnreadableFileError(
            QT_TRANSLATE_NOOP("Errors", "%1 is damaged or not an Excel workbook."), path.name
        ) from error
    try:
        sheet = _first_with_data(workbook.worksheets)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            _fill(rows, merged.min_row - 1, merged.max_row - 1, merged.min_col - 1, merged.max_col - 1)
        return Sheet(sheet.title, rows)
    finally:
        workbook.close()


def _read_xls(path: Path) -> Sheet:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = [workbook.get_sheet_by_index(i) for i in range(len(workbook.sheet_names))]
        sheet = next((s for s in sheets if s.height > 1), sheets[0])
        rows = [[None if cell == "" else cell for cell in row] for row in sheet.to_python(skip_empty_area=False)]
        for merged in sheet.merged_cell_ranges or []:
            (r0, c0), (r1, c1) = merged
            _fill(rows, r0, r1, c0, c1)
        return Sheet(sheet.name, rows)
    except Exception as error:  # calamine raises its own error types for every kind of damage
        if isinstance(error, SchoolDeskError):
            raise
        raise UnreadableFileError(
            QT_TRANSLATE_NOOP("Errors", "%1 is damaged or not an Excel workbook."), path.name
        ) from error


def _first_with_data(sheets: list[Any]) -> Any:
    return next((s for s in sheets if s.max_row > 1), sheets[0])


def _fill(rows: list[list[Any]], r0: int, r1: int, c0: int, c1: int) -> None:
    """A merged block shows one value over many cells; give every cell of it that value."""
    if r0 >= len(rows):
        return
    value = rows[r0][c0] if c0 < len(rows[r0]) else None
    for r in range(r0, min(r1, len(rows) - 1) + 1):
        row = rows[r]
        if len(row) <= c1:
            row.extend([None] * (c1 + 1 - len(row)))
        for c in range(c0, c1 + 1):
            row[c] = value
