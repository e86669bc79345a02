"""Rosters that are not what they seem: a stray far-away cell, a huge sheet, a hidden first sheet, error cells."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from schooldesk.db.database import BACKUP_DIRNAME
from schooldesk.domain.errors import ValidationError
from schooldesk.imports.spreadsheet import MAX_ROWS, UnreadableFileError, read_sheet
from schooldesk.services.pupil_import import import_pupil_file
from tests.builders import make_id

HEADER = ["姓名", "性别", "出生日期", "身份证件号", "班级"]


def _rows(count: int) -> list[list[object]]:
    return [[f"学生{i}", "男", "2015-03-04", make_id(date(2015, 3, 4), "男", serial=i), "三年级(1)班"]
            for i in range(1, count + 1)]


def _workbook(path: Path, rows: list[list[object]], far: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学生名册"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if far:
        sheet[far] = " "  # a stray keystroke far away: Excel's used range now spans the whole sheet
    workbook.save(path)
    return path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc")
@pytest.mark.parametrize("far", ["A1048576", "XFD1048576"])
def test_a_far_away_cell_imports_fast_in_little_memory(tmp_path: Path, far: str) -> None:
    path = _workbook(tmp_path / "far.xlsx", _rows(3), far)
    assert path.stat().st_size < 10_000
    # VmHWM, the process's own peak: ru_maxrss would carry the (large) pytest process's peak across exec
    probe = (
        "import json, re, sys, time; from pathlib import Path; started = time.perf_counter(); "
        "from schooldesk.imports.spreadsheet import read_sheet; from schooldesk.imports.pupil_rows import read_roster; "
        "roster = read_roster(read_sheet(Path(sys.argv[1]))); "
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) / 1024; "
        "print(json.dumps({'rows': len(roster.rows), 'seconds': time.perf_counter() - started, 'mb': peak}))")
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout)
    assert measured["rows"] == 3 and measured["seconds"] < 2 and measured["mb"] < 200, measured


def test_a_sheet_beyond_a_sane_size_is_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("名册")
    sheet.append(HEADER)
    for index in range(MAX_ROWS + 1):
        sheet.append([f"学生{index}", "男"])
    workbook.save(tmp_path / "huge.xlsx")
    with pytest.raises(UnreadableFileError, match="20000"):
        read_sheet(tmp_path / "huge.xlsx")


def test_the_visible_active_sheet_is_read_and_named(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook = openpyxl.Workbook()
    old = workbook.active
    old.title = "旧名册"
    old.append(HEADER)
    old.append(["不该导入", "男", "2015-03-04", make_id(date(2015, 3, 4), "男", serial=90), "三年级(1)班"])
    old.sheet_state = "hidden"
    current = workbook.create_sheet("2025学年")
    current.append(HEADER)
    for row in _rows(2):
        current.append(row)
    spare = workbook.create_sheet("备用")
    spare.append(HEADER)
    spare.append(_rows(3)[2])
    workbook.active = 1
    workbook.save(tmp_path / "sheets.xlsx")
    sheet = read_sheet(tmp_path / "sheets.xlsx")
    assert sheet.name == "2025学年" and sheet.names == ("2025学年", "备用")  # the hidden one is not offered
    roster, report = import_pupil_file(school_db, tmp_path / "sheets.xlsx", 2025, dry_run=True)
    assert report.sheet == "2025学年" and report.new == 2
    _, other = import_pupil_file(school_db, tmp_path / "sheets.xlsx", 2025, dry_run=True, sheet_name="备用")
    assert other.sheet == "备用" and other.new == 1
    with pytest.raises(UnreadableFileError):
        read_sheet(tmp_path / "sheets.xlsx", "旧名册")


def test_an_error_cell_is_a_problem_never_a_name(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(2)
    rows[0][0] = "#N/A"
    rows[1][3] = "#REF!"
    path = _workbook(tmp_path / "errors.xlsx", rows)
    assert openpyxl.load_workbook(path).active["A2"].data_type == "e"
    _, report = import_pupil_file(school_db, path, 2025, dry_run=True)
    assert report.new == 0 and {(p.row, p.code) for p in report.errors} == {(2, "error_cell"), (3, "error_cell")}
    assert "#N/A" in report.errors[0].error.message_args


def test_the_command_line_import_checks_the_year_and_takes_the_apps_backup(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _workbook(tmp_path / "r.xlsx", _rows(2))
    with pytest.raises(ValidationError, match="2030"):
        import_pupil_file(school_db, path, 2030, dry_run=True)
    data = school_db.path.parent
    school_db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    wrong = subprocess.run([sys.executable, "-m", "schooldesk", "import-students", str(path), "--school-year", "2030",
                            "--data-dir", str(data)], capture_output=True, text=True, env=env, timeout=120)
    assert wrong.returncode == 2 and "2030" in wrong.stderr and "2025" in wrong.stderr
    done = subprocess.run([sys.executable, "-m", "schooldesk", "import-students", str(path), "--json",
                           "--data-dir", str(data)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sheet"] == "学生名册" and json.loads(done.stdout)["new"] == 2
    assert list((data / BACKUP_DIRNAME).glob("schooldesk-*-pre-import.sqlite3"))
