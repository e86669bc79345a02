"""The dropout-prevention registers (台账) as column specs, and their Excel and PDF writers.

One spec per register says which lines of the semester's :class:`RegisterBook` it lists and which
columns it shows; the workbook and the printed listing are both laid out from it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schooldesk.domain.care import DISABLED, HARDSHIP, LEFT_BEHIND, MIGRANT, STRUGGLING
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet, WorkbookResult, write_workbook
if TYPE_CHECKING:
    from schooldesk.exports.pdf_form import PdfResult
from schooldesk.services.registers import CareLine, DropoutLine, RegisterBook


def col(label: str, value: Callable[[Any], Any], kind: str = "text", width: float = 0) -> Column:
    return Column(label=label, value=value, kind=kind, width=width)


def _numbered(rows: Sequence[Any]) -> list[tuple[int, Any]]:
    return list(enumerate(rows, 1))


# Columns read (number, line) pairs: every register starts with 序号.
NUMBER_COLUMN = col("序号", lambda r: r[0], NUMBER, 6)


def pupil_columns(*, birth: bool = True, ids: bool = True) -> list[Column]:
    columns = [col("姓名", lambda r: r[1].pupil.name), col("性别", lambda r: r[1].pupil.gender, width=6)]
    if birth:
        columns.append(col("出生日期", lambda r: r[1].pupil.birth_date, DATE, 12))
    if ids:
        columns.append(col("身份证号", lambda r: r[1].pupil.id_number, width=21))
    columns.append(col("年级班级", lambda r: r[1].pupil.class_name))
    return columns


ROLL = "在籍学生名册"


def roll_sheet(book: RegisterBook) -> Sheet:
    """Every pupil on roll: not a sheet of the registers' workbook, but data the bundle carries for a receiver
    (汇总), which finds a child on roll at two schools (双重学籍) from it."""
    return Sheet(name=ROLL, rows=_numbered(book.roll), columns=(
        NUMBER_COLUMN, col("姓名", lambda r: r[1].name), col("性别", lambda r: r[1].gender),
        col("出生日期", lambda r: r[1].birth_date, DATE), col("身份证号", lambda r: r[1].id_number),
        col("学籍号", lambda r: r[1].student_number), col("年级班级", lambda r: r[1].class_name),
        col("学籍状态", lambda r: r[1].status)))


GUARDIAN_COLUMNS = [
    col("监护人", lambda r: r[1].pupil.guardian), col("联系电话", lambda r: r[1].pupil.guardian_phone, width=14),
    col("家庭住址", lambda r: r[1].pupil.address, width=24),
]


def _d(key: str) -> Callable[[Any], str]:
    return lambda r: r[1].detail(key)


@dataclass(frozen=True, kw_only=True)
class RegisterSpec:
    name: str  # the command line's NAME
    title: str  # 表名, after the school's name in the title row
    lines: Callable[[RegisterBook], Sequence[Any]]
    columns: tuple[Column, ...]

    def sheet(self, book: RegisterBook) -> Sheet:
        return Sheet(name=self.title, columns=(NUMBER_COLUMN, *self.columns), rows=_numbered(self.lines(book)))


def _care_period(r: tuple[int, CareLine]) -> str:
    line = r[1]
    return f"{line.start_date:%Y-%m-%d}至{line.end_date:%Y-%m-%d}" if line.end_date else f"{line.start_date:%Y-%m-%d}起"


def _case_status(r: tuple[int, DropoutLine]) -> str:
    line = r[1]
    return f"{line.status}（{line.closed_on:%Y-%m-%d}）" if line.closed_on else line.status


REGISTERS: tuple[RegisterSpec, ...] = (
    RegisterSpec(name="care", title="关爱学生总台账", lines=lambda b: b.care, columns=(
        *pupil_columns(), col("关爱类别", lambda r: r[1].kind_zh), col("具体情况", lambda r: r[1].summary, width=30),
        col("起止日期", _care_period, width=24), col("包保责任人", lambda r: r[1].teacher),
        col("本学期帮扶次数", lambda r: r[1].support_count, NUMBER), *GUARDIAN_COLUMNS)),
    RegisterSpec(name="left-behind", title="留守儿童台账", lines=lambda b: b.care_of(LEFT_BEHIND), columns=(
        *pupil_columns(), col("留守类型", _d("kind")), col("父亲务工地点", _d("father_work")),
        col("父亲电话", _d("father_phone"), width=14), col("母亲务工地点", _d("mother_work")),
        col("母亲电话", _d("mother_phone"), width=14), col("委托监护人", _d("carer_name")),
        col("与儿童关系", _d("carer_relation")), col("委托监护人电话", _d("carer_phone"), width=14),
        col("监护类型", _d("guardianship")), col("包保责任人", lambda r: r[1].responsible),
        col("家庭住址", lambda r: r[1].pupil.address, width=24))),
    RegisterSpec(name="disabled", title="残疾儿童少年台账", lines=lambda b: b.care_of(DISABLED), columns=(
        *pupil_columns(), col("残疾类别", _d("type")), col("残疾等级", _d("grade")),
        col("残疾证号", _d("certificate"), width=22), col("安置方式", _d("placement")),
        col("包保责任人", lambda r: r[1].teacher), *GUARDIAN_COLUMNS)),
    RegisterSpec(name="struggling", title="学困生台账", lines=lambda b: b.care_of(STRUGGLING), columns=(
        *pupil_columns(birth=False, ids=False), col("学困学科", _d("subjects")), col("原因分析", _d("causes"), width=24),
        col("帮扶教师", lambda r: r[1].teacher), col("帮扶措施", lambda r: r[1].measures, width=24),
        col("最近进展", lambda r: r[1].latest_progress, width=36), col("最近帮扶日期", lambda r: r[1].latest_support, DATE, 12))),
    RegisterSpec(name="hardship", title="家庭经济困难学生台账", lines=lambda b: b.care_of(HARDSHIP), columns=(
        *pupil_columns(), col("困难类型", _d("kind")), col("资助情况", _d("aid"), width=30),
        col("包保责任人", lambda r: r[1].teacher), *GUARDIAN_COLUMNS)),
    RegisterSpec(name="migrant", title="随迁子女名册", lines=lambda b: b.care_of(MIGRANT), columns=(
        *pupil_columns(), col("户籍所在地", lambda r: r[1].pupil.household, width=24), *GUARDIAN_COLUMNS,
        col("备注", _d("note")))),
    RegisterSpec(name="home-teaching", title="送教上门学生花名册", lines=lambda b: b.home_taught, columns=(
        *pupil_columns(), col("残疾类别", lambda r: r[1].disability), col("送教教师", lambda r: r[1].teachers),
        col("计划开始", lambda r: r[1].start_date, DATE, 12), col("计划结束", lambda r: r[1].end_date, DATE, 12),
        col("已送教次数", lambda r: r[1].standing.visits, NUMBER),
        col("应送教次数", lambda r: r[1].standing.required_visits, NUMBER),
        col("达标月数", lambda r: r[1].standing.months_text), *GUARDIAN_COLUMNS)),
    RegisterSpec(name="support", title="帮扶记录汇总", lines=lambda b: b.support, columns=(
        col("日期", lambda r: r[1].date, DATE, 12), *pupil_columns(birth=False, ids=False),
        col("关爱类别", lambda r: r[1].categories), col("帮扶教师", lambda r: r[1].teacher),
        col("帮扶方式", lambda r: r[1].kind), col("帮扶内容", lambda r: r[1].content, width=40),
        col("效果", lambda r: r[1].outcome, width=30))),
    RegisterSpec(name="dropout", title="疑似辍学和辍学学生台账", lines=lambda b: b.dropouts, columns=(
        *pupil_columns(), col("类型", lambda r: r[1].stage), col("辍学年月", lambda r: f"{r[1].started_on.year}年{r[1].started_on.month:02d}月"),
        col("辍学原因", lambda r: "：".join(filter(None, (r[1].reason, r[1].reason_note))), width=24),
        col("劝返次数", lambda r: r[1].visits, NUMBER), col("最近劝返日期", lambda r: r[1].latest_visit, DATE, 12),
        col("最近劝返结果", lambda r: r[1].latest_result), col("状态", _case_status, width=20), *GUARDIAN_COLUMNS[:2])),
)
REGISTER_BY_NAME = {spec.name: spec for spec in REGISTERS}


def register_spec(name: str) -> RegisterSpec:
    try:
        return REGISTER_BY_NAME[name]
    except KeyError:
        raise ValidationError("register", QT_TRANSLATE_NOOP("Errors", "There is no register named %1; choose one of: %2."),
                              name, ", ".join(REGISTER_BY_NAME)) from None


def write_registers_xlsx(path: Path, book: RegisterBook, specs: Sequence[RegisterSpec] = REGISTERS, *,
                         filled_on: date | None = None) -> WorkbookResult:
    """One workbook, one sheet per register, in the bureau's layout."""
    return write_workbook(path, [spec.sheet(book) for spec in specs], school_name=book.school_name, filled_on=filled_on)


def write_registers_pdf(path: Path, book: RegisterBook, specs: Sequence[RegisterSpec] = REGISTERS, *,
                        font_path: str | Path | None = None, printed: date | None = None) -> PdfResult:
    """The registers printed as landscape listings (several: with a cover and contents)."""
    from schooldesk.exports.sheet_pdf import write_sheets_pdf

    title = specs[0].title if len(specs) == 1 else "控辍保学台账"
    return write_sheets_pdf(path, [spec.sheet(book) for spec in specs], school_name=book.school_name, title=title,
                            period=book.semester.label_zh, font_path=font_path, printed=printed)
