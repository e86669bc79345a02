"""Property: the pupil importer never crashes and never imports part of a file, whatever it is fed.

Hypothesis writes random and malformed spreadsheets (real .xlsx through openpyxl, and raw bytes named
.xlsx): every file either is refused as a whole (UnreadableFileError) or imported with exactly the
reported number of new pupils, and the database passes its integrity check afterwards.
"""
from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from schooldesk.db.backups import integrity_ok
from schooldesk.db.models import Pupil
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.imports.spreadsheet import UnreadableFileError
from schooldesk.services.pupil_import import import_pupil_file
from tests.builders import NATIONAL_HEADER, make_id, write_xlsx

HEADERS = NATIONAL_HEADER + ["", "备注", "序号", "  姓 名 ", "身份证号码", "家庭住址", "随便写的列"]
ID_LIKE = st.builds(lambda d, g, s: make_id(d, g, serial=s), st.dates(date(2008, 1, 1), date(2020, 12, 31)),
                    st.sampled_from(["男", "女"]), st.integers(1, 40_000))
CELL = st.one_of(
    st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=25),  # what a cell can hold st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.datetimes(datetime(1950, 1, 1), datetime(2050, 1, 1)),
    st.sampled_from(["男", "女", "1-男", "汉族", "双亲留守儿童", "1-单亲留守儿童", "三年级（3）班", "3", "合计", "x", "Ｇ"]),
    ID_LIKE, ID_LIKE.map(lambda n: n[:-1] + "0"), ID_LIKE.map(str.lower), ID_LIKE.map(lambda n: "G" + n),
)
NAME = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=4)
PLAUSIBLE = {  # per national-export column: a likely value, or any cell at all
    "姓名": NAME, "性别": st.sampled_from(["男", "女", "1-男"]), "出生日期": st.none(), "民族": st.just("汉族"),
    "身份证件类型": st.just("居民身份证"), "身份证件号": ID_LIKE, "班级": st.sampled_from(["三年级（3）班", "1", None]),
    "是否留守儿童": st.sampled_from(["非留守儿童", "双亲留守儿童", "1-单亲留守儿童"]),
}


def _corrupt(row: list[object], damage: list[tuple[int, object]]) -> list[object]:
    for column, value in damage:
        row[column % len(row)] = value
    return row


LIKELY_ROW = st.builds(  # a plausible row with up to two cells replaced by anything
    _corrupt, st.tuples(*[PLAUSIBLE.get(h, st.none()) for h in NATIONAL_HEADER]).map(list),
    st.lists(st.tuples(st.integers(0, 99), CELL), max_size=2),
)
LIKELY_SHEET = st.tuples(st.just([]), st.just(list(NATIONAL_HEADER)), st.lists(LIKELY_ROW, max_size=25))
SHEET = st.one_of(LIKELY_SHEET, st.tuples(
    st.lists(st.lists(CELL, max_size=4), max_size=3),  # title rows above the header
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12),
    st.lists(st.lists(CELL, max_size=14), max_size=25),
))


def count_pupils(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Pupil)) or 0


def check_all_or_nothing(db, path: Path) -> None:  # type: ignore[no-untyped-def]
    before = count_pupils(db)
    try:
        _, report = import_pupil_file(db, path, 2025, dry_run=False)
    except UnreadableFileError:
        assert count_pupils(db) == before  # refused as a whole
        return
    except SchoolDeskError as error:  # a known problem for the user is acceptable; a half-import is not
        assert count_pupils(db) == before, error
        return
    assert count_pupils(db) == before + report.new
    event("some pupils imported" if report.new else "no pupil imported")
    assert report.new + report.updated + report.unchanged + report.skipped <= report.rows_read


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet=SHEET)
def test_random_spreadsheets_import_whole_rows_or_nothing(school_db, sheet) -> None:  # type: ignore[no-untyped-def]
    titles, header, rows = sheet
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "roster.xlsx", [*titles, header, *rows])
        check_all_or_nothing(school_db, path)
    assert integrity_ok(school_db.path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=4000), st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b)),
       suffix=st.sampled_from([".xlsx", ".xls", ".csv", ""]))
def test_malformed_files_are_refused_whole(school_db, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(data)
        check_all_or_nothing(school_db, path)
