"""Workbooks in the bureau's own sheet layout, declared as column specs.

Every official sheet found shares one shape: row 1 the title (``<学校名称><表名>``), row 2
``填报单位（盖章）：…`` and ``填报时间：…``, the header row, the data, and a footer row for the
signatures. Sheets here are declared as :class:`Column` specs; no sheet writes cells by hand. The
workbook is written in openpyxl's write-only mode (large registers stream), atomically.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from schooldesk.domain.collection import collector_paused
from schooldesk.domain.people import UNWRITABLE
from schooldesk.exports.files import write_atomically

TEXT, DATE, NUMBER = "text", "date", "number"
FOOTER = "单位负责人：　　　　　　审核人：　　　　　　填表人：　　　　　　联系电话："
NOTHING = "无"
PAGE_FOOTER = "第 &P 页 共 &N 页"
MAX_WIDTH, MIN_WIDTH = 60, 6
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column of a sheet: its header, width in characters (0: fit the text), cell type and value."""

    label: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: float = 0


@dataclass(frozen=True, kw_only=True)
class Sheet:
    """What one sheet shows: its name (表名), its columns and the rows they are read from."""

    name: str
    columns: tuple[Column, ...]
    rows: Sequence[Any]
    title: str = ""  # defaults to <学校名称><name>
    counts: bool = False  # one line of a report's figures (summed when schools' bundles are merged)


@dataclass(frozen=True, kw_only=True)
class SheetData:
    """What a written sheet holds, for a program to read (the bundle's 数据/ files): its header and each
    row's plain values (dates as 2026-11-30, numbers as numbers, text as written, empty as null)."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    counts: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"sheet": self.name, "title": self.title, "columns": list(self.columns), "counts": self.counts,
                "rows": [list(row) for row in self.rows]}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    return value.isoformat() if isinstance(value, date) else value


def display_width(text: str) -> int:
    """Characters as Excel counts them: a Chinese character is two (its GBK length, computed in C)."""
    return len(text.encode("gbk", "replace"))


def cell_value(column: Column, row: Any) -> Any:
    """The value a cell holds: dates as dates, numbers as numbers, everything else as text."""
    value = column.value(row)
    if value is None or value == "":
        return None
    if column.kind == DATE:
        return value.date() if isinstance(value, datetime) else value
    if column.kind == NUMBER:
        return value
    return str(value)


UNWRITABLE_CELL = {code: "□" for code in UNWRITABLE if chr(code) not in "\t\n\r"}  # XML 1.0 cannot hold them


def _writable(values: list[list[Any]], sheet: Sheet) -> list[str]:
    """Replace in place what no .xlsx can hold (a control character stored before the forms refused them, a
    lone surrogate) with □, as the PDFs print a character they cannot draw; where, as 听课记录 第5行."""
    where = []
    for index, row in enumerate(values):
        for column, value in enumerate(row):
            if isinstance(value, str) and value != (kept := value.translate(UNWRITABLE_CELL)):
                row[column] = kept
                where.append(f"{sheet.name} 第{index + 4}行")  # the title, 填报单位 and header rows come first
    return list(dict.fromkeys(where))


def _widths(sheet: Sheet, values: list[list[Any]]) -> list[float]:
    widths = []
    for index, column in enumerate(sheet.columns):
        if column.width:
            widths.append(column.width)
            continue
        longest = max([display_width(column.label)] + [
            10 if isinstance(row[index], date) else display_width(str(row[index])) for row in values
            if row[index] is not None], default=0)
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


class _Cells:
    """Makes a sheet's cells. Each look is styled once on a template cell; new cells copy its style array,
    which is what keeps a styled 3,000-row workbook near the cost of bare values."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        plain, middle = Font(name="宋体", size=11), Alignment(vertical="center", wrap_text=True)
        self.sheet, self.make = sheet, WriteOnlyCell
        self.looks: dict[str, Any] = {}
        for look, font, alignment, border, fill, number_format in (
            ("title", Font(name="宋体", size=16, bold=True), Alignment(horizontal="center", vertical="center"),
             None, None, None),
            ("meta", plain, Alignment(vertical="center"), None, None, None),
            ("header", Font(name="宋体", size=11, bold=True),
             Alignment(horizontal="center", vertical="center", wrap_text=True), box,
             PatternFill("solid", fgColor="EFEFEF"), None),
            (TEXT, plain, middle, box, None, "@"),
            (DATE, plain, middle, box, None, "yyyy-mm-dd"),
            (NUMBER, plain, middle, box, None, None),
        ):
            template = WriteOnlyCell(sheet)
            template.font, template.alignment = font, alignment
            if border is not None:
                template.border = border
            if fill is not None:
                template.fill = fill
            if number_format:
                template.number_format = number_format
            self.looks[look] = template._style

    def __call__(self, value: Any, look: str) -> Any:
        cell = self.make(self.sheet)
        cell._value = value  # bound by hand: the type is known, and text that starts with = + - @ stays text
        cell.data_type = "s" if isinstance(value, str) else "d" if isinstance(value, date) else "n"
        cell._style = copy(self.looks[look])
        return cell

    def data(self, value: Any) -> Any:
        return self(value, TEXT if isinstance(value, str) else DATE if isinstance(value, date) else NUMBER)


def _styled_sheet(workbook: Any, title: str) -> Any:
    """A write-only sheet whose rows are lists of ready cells (or None). openpyxl's own append would try to
    bind every cell as a value first and fail into its slow path; openpyxl is pinned, and the tests read
    every workbook back."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    class StyledSheet(WriteOnlyWorksheet):
        def _values_to_row(self, values: Any, row_idx: int) -> Any:
            for col_idx, cell in enumerate(values, 1):
                if cell is not None:
                    cell.column, cell.row = col_idx, row_idx
                    yield cell

    ws = StyledSheet(parent=workbook, title=title)
    workbook._add_sheet(ws)
    return ws


def sheet_data(sheet: Sheet, school_name: str) -> SheetData:
    """What *sheet* would hold, as plain values, without writing a workbook (data a bundle carries alone)."""
    values = [[cell_value(c, row) for c in sheet.columns] for row in sheet.rows]
    _writable(values, sheet)
    return SheetData(name=sheet.name, title=sheet.title or f"{school_name}{sheet.name}", counts=sheet.counts,
                     columns=tuple(c.label for c in sheet.columns),
                     rows=tuple(tuple(_plain(v) for v in row) for row in values))


def _write_sheet(workbook: Any, sheet: Sheet, school_name: str, filled_on: date, replaced: list[str]) -> SheetData:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    values = [[cell_value(c, row) for c in sheet.columns] for row in sheet.rows]
    replaced += _writable(values, sheet)
    ws = _styled_sheet(workbook, sheet.name[:31])
    cell = _Cells(ws)
    last = get_column_letter(len(sheet.columns))
    for index, width in enumerate(_widths(sheet, values), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.auto_filter.ref = f"A3:{last}{3 + max(1, len(values))}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.merged_cells.add(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws.append([cell(sheet.title or f"{school_name}{sheet.name}", "title")])
    half = max(1, len(sheet.columns) // 2)
    ws.append([cell(f"填报单位（盖章）：{school_name}", "meta")] + [None] * (half - 1)
              + [cell(f"填报时间：{filled_on.year}年{filled_on.month}月{filled_on.day}日", "meta")])
    ws.append([cell(c.label, "header") for c in sheet.columns])
    for row in values or [[NOTHING] + [None] * (len(sheet.columns) - 1)]:
        ws.append([cell.data(value) for value in row])
    ws.append([])
    ws.append([cell(FOOTER, "meta")])
    return SheetData(name=sheet.name, title=sheet.title or f"{school_name}{sheet.name}", counts=sheet.counts,
                     columns=tuple(c.label for c in sheet.columns),
                     rows=tuple(tuple(_plain(v) for v in row) for row in values))


@dataclass(frozen=True)
class WorkbookResult:
    path: Path
    rows: dict[str, int]  # sheet name -> data rows written
    replaced: tuple[str, ...] = ()  # rows where a character no workbook can hold was written as □
    data: tuple[SheetData, ...] = ()  # what each sheet holds, as plain values

def write_workbook(path: Path, sheets: Sequence[Sheet], *, school_name: str, filled_on: date | None = None
                   ) -> WorkbookResult:
    """One workbook with a sheet per :class:`Sheet`, written beside *path* and renamed over it."""
    from openpyxl import Workbook

    filled_on = filled_on or date.today()
    written: list[SheetData] = []
    replaced: list[str] = []

    def write(partial: Path) -> None:
        workbook = Workbook(write_only=True)
        written.clear()
        for sheet in sheets:
            written.append(_write_sheet(workbook, sheet, school_name, filled_on, replaced))
        workbook.save(partial)

    with collector_paused():
        write_atomically(path, write)
    return WorkbookResult(path, {d.name: len(d.rows) for d in written}, tuple(replaced), tuple(written))
