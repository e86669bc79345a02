"""Read a sheet of an .xlsx or .xls file into plain rows, merged cells filled in.

Row and column numbers stay the spreadsheet's own (row 1 is Excel's row 1) so every problem can be
reported where the clerk will look for it. The sheet read is the one the clerk sees when the file opens
(the active, visible one) unless another is named. An .xlsx is streamed row by row and only its real
cells are kept: a stray cell at XFD1048576 costs nothing, and a sheet beyond a sane size is refused.
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
MAX_ROWS, MAX_COLUMNS = 20_000, 200  # far beyond any school's roster
GAP = 1_000  # empty rows after which the rest of a sheet is stray cells, not roster


@dataclass(frozen=True)
class CellError:
    """A cell holding an Excel error (#N/A, #REF! …): a problem on its row, never a value."""

    code: str

    def __str__(self) -> str:
        return ""


class UnreadableFileError(SchoolDeskError):
    """The file as a whole cannot be read: not a spreadsheet, encrypted, damaged, no header."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Any]]  # rows[0] is spreadsheet row 1; cells None when empty
    names: tuple[str, ...] = ()  # the workbook's visible sheets, to offer another


def read_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
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
        return _read_xlsx(path, sheet_name)
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in start:
            raise UnreadableFileError(QT_TRANSLATE_NOOP(
                "Errors", "%1 is protected by a password. Open it in Excel or WPS, remove the password, save, and import again."
            ), path.name)
        return _read_xls(path, sheet_name)
    raise UnreadableFileError(
        QT_TRANSLATE_NOOP("Errors", "%1 is not an Excel workbook (.xlsx or .xls)."), path.name
    )


def _read_xlsx(path: Path, sheet_name: str | None) -> Sheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with open(path, "rb") as handle:  # a handle, not the name: an .xlsx saved as ".xls" still opens
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"] or workbook.worksheets
                sheet = _chosen(visible, workbook.active, sheet_name)
                rows, merged = _stream(sheet)
            finally:
                workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as error:
        raise UnreadableFileError(
            QT_TRANSLATE_NOOP("Errors", "%1 is damaged or not an Excel workbook."), path.name
        ) from error
    for r0, c0, r1, c1 in merged:
        _fill(rows, r0, r1, c0, c1)
    return Sheet(sheet.title, rows, tuple(ws.title for ws in visible))


def _chosen(visible: list[Any], active: Any, name: str | None) -> Any:
    if name is not None:
        found = next((ws for ws in visible if ws.title == name), None)
        if found is None:
            raise UnreadableFileError(QT_TRANSLATE_NOOP("Errors", "The workbook has no sheet named %1."), name)
        return found
    return active if active in visible else visible[0]


def _stream(sheet: Any) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """The sheet's real rows (up to a gap of GAP empty rows) within MAX_COLUMNS, and its merged blocks."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    found: dict[int, dict[int, Any]] = {}
    workbook = sheet.parent
    with sheet._get_source() as source:  # openpyxl's own row parser: openpyxl is pinned (pyproject.toml)
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for index, cells in parser.parse():
            values = {cell["column"]: CellError(str(cell["value"])) if cell["data_type"] == "e" else cell["value"]
                      for cell in cells if cell["column"] <= MAX_COLUMNS and cell["value"] not in (None, "")}
            if values:
                found[index] = values
                if len(found) > MAX_ROWS:
                    raise UnreadableFileError(QT_TRANSLATE_NOOP(
                        "Errors", "Sheet %1 has more than %2 rows; no school's roster is that long. Split the file "
                                  "or remove what is not pupils."), sheet.title, MAX_ROWS)
        blocks = [range_boundaries(str(m.ref)) for m in (parser.merged_cells.mergeCell if parser.merged_cells else [])]
    last = 0
    for index in sorted(found):
        if index - last > GAP and last:
            break  # stray cells far below the roster
        last = index
    width = max((max(found[i]) for i in found if i <= last), default=0)
    rows = [[found.get(r, {}).get(c) for c in range(1, width + 1)] if r in found else [None] * width
            for r in range(1, last + 1)]
    merged = [(r0 - 1, c0 - 1, min(r1, last) - 1, min(c1, width) - 1) for c0, r0, c1, r1 in blocks
              if r0 <= last and c0 <= width]
    return rows, merged


def _read_xls(path: Path, sheet_name: str | None) -> Sheet:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        visible = [m.name for m in workbook.sheets_metadata if m.visible == python_calamine.SheetVisibleEnum.Visible] \
            or list(workbook.sheet_names)
        if sheet_name is not None and sheet_name not in visible:
            raise UnreadableFileError(QT_TRANSLATE_NOOP("Errors", "The workbook has no sheet named %1."), sheet_name)
        sheet = workbook.get_sheet_by_name(sheet_name or visible[0])
        rows = [[None if cell == "" else cell for cell in row] for row in sheet.to_python(skip_empty_area=False)]
        for merged in sheet.merged_cell_ranges or []:
            (r0, c0), (r1, c1) = merged
            _fill(rows, r0, r1, c0, c1)
        return Sheet(sheet.name, rows, tuple(visible))
    except Exception as error:  # calamine raises its own error types for every kind of damage
        if isinstance(error, SchoolDeskError):
            raise
        raise UnreadableFileError(
            QT_TRANSLATE_NOOP("Errors", "%1 is damaged or not an Excel workbook."), path.name
        ) from error


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
