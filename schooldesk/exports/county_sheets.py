"""The merged workbooks of a 汇总, in the bureau's layout through the kit: each school workbook's sheets with
every school's rows stacked under 乡镇 and 学校 columns (count sheets one row per school with 合计 by 乡镇 and
for all), and 学校汇总.xlsx — one row per school, the cross-school checks, what was refused."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schooldesk.domain.file_names import document_name
from schooldesk.exports.county_merge import Explain, Merge, MergedSheet, SchoolLine, county_merge, workbook_sheets
from schooldesk.exports.files import cannot_write
from schooldesk.exports.sheets import DATE, NUMBER, TEXT, Column, Sheet, WorkbookResult, write_workbook

if TYPE_CHECKING:
    from sqlalchemy import Engine

REGISTER_COUNTS = (("控辍保学台账.xlsx", "留守儿童台账", "留守儿童"), ("控辍保学台账.xlsx", "残疾儿童少年台账", "残疾儿童少年"),
                   ("控辍保学台账.xlsx", "送教上门学生花名册", "送教上门"), ("控辍保学台账.xlsx", "学困生台账", "学困生"),
                   ("控辍保学台账.xlsx", "家庭经济困难学生台账", "家庭经济困难"), ("控辍保学台账.xlsx", "随迁子女名册", "随迁子女"),
                   ("控辍保学台账.xlsx", "疑似辍学和辍学学生台账", "疑似辍学和辍学"))
ALL = "全部合计"
WORKBOOKS = 12  # merged workbooks of a whole bundle (学校汇总 and one per school workbook), for the progress bar


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_date(value: Any) -> Any:
    """A date the data carries as 2026-11-30, a date again in the merged workbook (text otherwise)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _kind(values: list[Any]) -> str:
    """A merged column's type, from what the schools' data holds in it."""
    if any(_number(v) for v in values):
        return NUMBER
    return DATE if any(isinstance(v, date) for v in values) else TEXT


def _totals(rows: Sequence[tuple[Any, ...]], width: int) -> list[Any]:
    """Each column's sum where the column holds numbers (text columns left empty)."""
    sums: list[Any] = [None] * width
    for row in rows:
        for index, value in enumerate(row[:width]):
            if _number(value):
                sums[index] = (sums[index] or 0) + value
    return sums


def _with_totals(lines: list[tuple[SchoolLine, tuple[Any, ...]]], width: int) -> list[tuple[str, str, tuple[Any, ...]]]:
    """One row per school, then 合计 for each 乡镇 (when there are several) and for all."""
    rows: list[tuple[str, str, tuple[Any, ...]]] = [(s.township, s.name, values) for s, values in lines]
    townships = list(dict.fromkeys(s.township for s, _v in lines))
    if len(townships) > 1:
        for township in townships:
            rows.append((township, "合计", tuple(_totals([v for s, v in lines if s.township == township], width))))
    rows.append(("", ALL, tuple(_totals([v for _s, v in lines], width))))
    return rows


def merged_sheet(sheet: MergedSheet, receiver: str, label: str) -> Sheet:
    width = len(sheet.columns)
    if sheet.counts:  # a report's one line of figures per school: summed
        lines = [(school, row) for school, rows in sheet.parts for row in rows[:1]]
        rows: list[tuple[str, str, tuple[Any, ...]]] = _with_totals(lines, width)
    else:
        rows = [(school.township, school.name, tuple(map(_as_date, row))) for school, part in sheet.parts
                for row in part]
    columns = (Column(label="乡镇", value=lambda r: r[0]), Column(label="学校", value=lambda r: r[1], width=20),
               *(Column(label=name, value=lambda r, i=i: r[2][i] if i < len(r[2]) else None,
                        kind=_kind([r[2][i] for r in rows if i < len(r[2])]))
                 for i, name in enumerate(sheet.columns)))
    return Sheet(name=sheet.sheet[:31], columns=columns, rows=rows, counts=sheet.counts,
                 title=f"{receiver}{sheet.sheet}汇总表（{label}）")


def school_sheets(merge: Merge, receiver: str) -> list[Sheet]:
    label = merge.semester_label
    lines = [(s, (s.code, s.exported_at, s.pupils, *(s.sheets.get((w, n), 0) for w, n, _t in REGISTER_COUNTS)))
             for s in merge.schools]
    rows = _with_totals(lines, 3 + len(REGISTER_COUNTS))
    counted = Sheet(name="学校汇总", title=f"{receiver}各校报送情况（{label}）", rows=rows, counts=True, columns=(
        Column(label="乡镇", value=lambda r: r[0]), Column(label="学校", value=lambda r: r[1], width=20),
        Column(label="学校标识码", value=lambda r: r[2][0]), Column(label="导出时间", value=lambda r: r[2][1]),
        Column(label="在籍学生", value=lambda r: r[2][2], kind=NUMBER),
        *(Column(label=title, value=lambda r, i=i: r[2][3 + i], kind=NUMBER) for i, (_w, _n, title) in
          enumerate(REGISTER_COUNTS))))
    double = Sheet(name="双重学籍", title=f"同时在两校及以上在籍的学生（{label}）", rows=list(enumerate(merge.duplicates, 1)),
                   columns=(Column(label="序号", value=lambda r: r[0], kind=NUMBER),
                            Column(label="姓名", value=lambda r: r[1].name),
                            Column(label="身份证号", value=lambda r: r[1].id_number, width=21),
                            Column(label="在籍学校", value=lambda r: "、".join(r[1].schools), width=40)))
    elsewhere = Sheet(name="本在外未在籍", title=f"本在外但不在所报就读学校学籍中的儿童（{label}）",
                      rows=list(enumerate(merge.not_on_roll, 1)), columns=(
                          Column(label="序号", value=lambda r: r[0], kind=NUMBER),
                          Column(label="姓名", value=lambda r: r[1].name),
                          Column(label="身份证号", value=lambda r: r[1].id_number, width=21),
                          Column(label="报告学校", value=lambda r: r[1].reported_by, width=20),
                          Column(label="所报就读学校", value=lambda r: r[1].school, width=20)))
    missing = Sheet(name="未报送学校", title=f"尚未报送的学校（{label}）", rows=list(enumerate(merge.missing_schools, 1)),
                    columns=(Column(label="序号", value=lambda r: r[0], kind=NUMBER),
                             Column(label="乡镇", value=lambda r: r[1].township),
                             Column(label="学校", value=lambda r: r[1].name, width=20),
                             Column(label="学校标识码", value=lambda r: r[1].code)))
    refused = Sheet(name="未合并的材料", title=f"未合并的材料及原因（{label}）", rows=list(enumerate(merge.rejected, 1)),
                    columns=(Column(label="序号", value=lambda r: r[0], kind=NUMBER),
                             Column(label="材料", value=lambda r: r[1].path, width=40),
                             Column(label="原因", value=lambda r: r[1].reason, width=50)))
    return [counted, double, elsewhere, missing, refused]


def write_merged_workbooks(folder: Path, merge: Merge, engine: Engine, *, receiver: str,
                           filled_on: date | None = None, step: Callable[[int], None] = lambda _done: None
                           ) -> list[WorkbookResult]:
    """学校汇总.xlsx and one 汇总_<workbook> per school workbook, in *folder*; each workbook's rows read from the
    store as it is written (one at a time in memory)."""
    written = [write_workbook(folder / document_name("学校汇总", merge.semester_label, suffix=".xlsx"),
                              school_sheets(merge, receiver), school_name=receiver, filled_on=filled_on)]
    for workbook in merge.workbooks:
        name = document_name("汇总", Path(workbook).stem, merge.semester_label, suffix=".xlsx")
        sheets = [merged_sheet(s, receiver, merge.semester_label) for s in workbook_sheets(engine, merge, workbook)]
        written.append(write_workbook(folder / name, sheets, school_name=receiver, filled_on=filled_on))
        del sheets
        step(len(written))
    return written


def merge_to_folder(paths: Sequence[Path], out: Path, *, database: str | None, receiver: str,
                    semester: str | None = None, expected: Sequence[tuple[str, str, str]] = (), password: str = "",
                    explain: Explain = str, step: Callable[[int, int], None] = lambda _d, _t: None
                    ) -> tuple[Merge, list[WorkbookResult]]:
    """A whole 汇总 as the command and the window run it: *paths* merged into the store (*database*, or the
    SQLite file in *out*), then the semester's merged workbooks written into *out*."""
    from schooldesk.db.county_store import open_store

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # an unplugged stick, a read-only share
        raise cannot_write(out, error) from error
    engine = open_store(database, out)
    books = WORKBOOKS  # the usual number of workbooks to write after the bundles, until it is known
    try:
        merge = county_merge(paths, engine, semester=semester, expected=expected, password=password,
                             explain=explain, step=lambda done, total: step(done, total + books))
        books = len(merge.workbooks) + 1
        return merge, (write_merged_workbooks(out, merge, engine, receiver=receiver,
                                              step=lambda done: step(len(paths) + done, len(paths) + books))
                       if merge.schools else [])
    finally:
        engine.dispose()
