"""Every figure of a child's 送教上门 plan agrees on every paper of the bundle and in the pupil's file: the
register's 应送教次数 and 达标月数, the monthly sheet's 要求次数 added up, and the printed log's 要求N次 — also
for a plan that began this month, which the register once printed as 0 and 0/0 while the log said 要求2次."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl

from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle_writing import write_bundle
from schooldesk.services.bundle import bundle_contents
from schooldesk.services.home_teaching import add_plan, add_visit
from schooldesk.services.pupil_file import pupil_file
from schooldesk.services.pupils import PupilInput, add_pupil
from tests.builders import make_id, plan_input, text_of, visit_input

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 20)


def _rows(sheet) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The data rows of a sheet in the bureau's layout (header in row 3), as header → value."""
    header = [c.value for c in sheet[3]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=4, values_only=True)
            if row[0] is not None and not str(row[0]).startswith(("单位负责人", "无"))]


def test_a_childs_figures_agree_on_the_register_the_monthly_sheet_the_log_and_the_file(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, child, teachers, _ = home
    plan = add_plan(db, child, AUTUMN, plan_input(teachers, start_date=date(2025, 10, 1), end_date=date(2026, 1, 20)))
    for day in (date(2025, 10, 8), date(2025, 10, 22), date(2025, 11, 5)):
        add_visit(db, plan.id, visit_input(teachers, day), today=TODAY)
    birth = date(2013, 4, 2)
    newcomer = add_pupil(db, PupilInput(name="吴佳怡", gender="女", birth_date=birth, id_number=make_id(birth, "女", serial=9),
                                        status="送教上门", school_year=2025))
    add_plan(db, newcomer, AUTUMN, plan_input(teachers, start_date=date(2025, 12, 1), end_date=date(2026, 1, 20)))

    result = write_bundle(bundle_contents(db, AUTUMN, today=TODAY), tmp_path)
    register = {r["姓名"]: r for r in _rows(openpyxl.load_workbook(result.path / "控辍保学台账.xlsx")["送教上门学生花名册"])}
    monthly: dict[str, int] = {}
    for row in _rows(openpyxl.load_workbook(result.path / "送教上门.xlsx")["送教上门逐月达标"]):
        monthly[row["学生姓名"]] = monthly.get(row["学生姓名"], 0) + row["要求次数"]  # type: ignore[operator]
    printed = re.findall(r"送教(\d+)次(?:，其中\d+次不足\d课时)?（要求(\d+)次）", text_of(result.path / "送教上门.pdf"))

    assert set(register) == set(monthly) == {"陈小宇", "吴佳怡"}
    # Oct 2 + Nov 2 + Dec 2 + Jan 2 (20 of 31 days) for the first; Dec 2 + Jan 2 for the newcomer
    assert {name: row["应送教次数"] for name, row in register.items()} == monthly == {"陈小宇": 8, "吴佳怡": 4}
    assert sorted((int(v), int(r)) for v, r in printed) == sorted(
        (row["已送教次数"], row["应送教次数"]) for row in register.values()) == [(0, 4), (3, 8)]
    assert register["陈小宇"]["达标月数"] == "1/2"  # October met, November one visit short; December under way
    assert register["吴佳怡"]["达标月数"] == "未到评定"  # never 0/0: no month of the plan is over yet
    assert "尚无已结束的月份" in text_of(result.path / "送教上门.pdf")

    [line] = pupil_file(db, child, 2025, today=TODAY).plans
    assert (line.standing.visits, line.standing.required_visits, line.standing.months_text) == (3, 8, "1/2")
