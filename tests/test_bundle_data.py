"""A bundle carries its data for a receiver (汇总): every sheet of every workbook as 数据/<workbook>/<sheet>.json,
listed in the manifest with the data format, read back equal to the workbook; a changed, an older (no data), a
newer or a foreign bundle is refused with its reason."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle import DATA_FORMAT, MANIFEST
from schooldesk.exports.bundle_data import BundleRefused, read_bundle_data
from schooldesk.exports.bundle_writing import write_bundle
from schooldesk.exports.registers import ROLL
from schooldesk.services.pupils import count_pupils_on_roll
from schooldesk.services.bundle import bundle_contents
from tests.builders import demo_school

TODAY = date(2026, 11, 24)
TERM = SemesterKey(2026, 1)


@pytest.fixture
def written(db, tmp_path: Path):  # type: ignore[no-untyped-def]
    demo_school(db, today=TODAY)
    stick = tmp_path / "stick"
    stick.mkdir()
    contents = bundle_contents(db, TERM, families=("dropout", "teachers"), today=TODAY)
    return write_bundle(contents, stick, data_folder=db.path.parent).path


def _rewrite_manifest(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    change(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_every_sheet_travels_as_data_equal_to_its_workbook(db, written: Path) -> None:  # type: ignore[no-untyped-def]
    data = read_bundle_data(written)
    manifest = json.loads((written / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["data_format"] == DATA_FORMAT and manifest["township"] and manifest["county"]
    workbooks = sorted(p.name for p in written.glob("*.xlsx"))
    assert sorted({w for w, _s in data.sheets} - {ROLL}) == workbooks  # every workbook, every sheet
    roll = data.sheet(ROLL, ROLL)  # and the roll, as data only
    assert roll is not None and len(roll.rows) == count_pupils_on_roll(db, TODAY) > 0
    assert all("*" in row[roll.columns.index("身份证号")] for row in roll.rows)  # masked unless --full-ids
    for name in workbooks:
        book = load_workbook(written / name)
        assert {s for w, s in data.sheets if w == name} == set(book.sheetnames)
    left = data.sheet("控辍保学台账.xlsx", "留守儿童台账")
    assert left is not None and left.rows and "姓名" in left.columns
    sheet = load_workbook(written / "控辍保学台账.xlsx")["留守儿童台账"]
    shown = [row for row in sheet.iter_rows(min_row=4, max_row=3 + len(left.rows), values_only=True)]
    assert [r[left.columns.index("姓名")] for r in shown] == [r[left.columns.index("姓名")] for r in left.rows]
    month = next(s for (w, _n), s in data.sheets.items() if w.startswith("控辍保学月报") and s.counts)
    assert len(month.rows) == 1  # the report's one line of figures, marked to be summed
    assert (data.school_code, data.semester, data.township) == (manifest["school_code"], "2026-2027-1",
                                                                 manifest["township"])


def test_a_zip_reads_the_same_and_a_changed_file_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo_school(db, today=TODAY)
    contents = bundle_contents(db, TERM, families=("teachers",), today=TODAY)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    folder = write_bundle(contents, tmp_path / "a", data_folder=db.path.parent).path
    zipped = write_bundle(contents, tmp_path / "b", as_zip=True, data_folder=db.path.parent).path
    assert read_bundle_data(zipped).sheets == read_bundle_data(folder).sheets
    data_file = folder / "数据" / "教师发展" / "视导督导.json"
    data_file.write_text(data_file.read_text(encoding="utf-8").replace("视导", "督导"), encoding="utf-8")
    with pytest.raises(BundleRefused) as refused:
        read_bundle_data(folder)
    assert "changed" in refused.value.message


def test_an_older_a_newer_and_a_foreign_bundle_are_refused_with_their_reason(written: Path, tmp_path: Path) -> None:
    cases = {
        "older": lambda m: (m.pop("data_format"), m.update(app_version="0.0.9")),
        "newer": lambda m: m.update(data_format=DATA_FORMAT + 1, app_version="9.0"),
        "foreign": lambda m: m.update(school_code=""),
    }
    said = {}
    for name, change in cases.items():
        copy = shutil.copytree(written, tmp_path / name)
        _rewrite_manifest(copy, change)
        with pytest.raises(BundleRefused) as refused:
            read_bundle_data(copy)
        said[name] = (refused.value.message, str(refused.value))
    assert "before bundles carried their data" in said["older"][0] and "0.0.9" in said["older"][1]
    assert "newer SchoolDesk" in said["newer"][0] and f"data format {DATA_FORMAT + 1}" in said["newer"][1]
    assert "not a SchoolDesk bundle" in said["foreign"][0]
