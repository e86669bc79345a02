"""汇总: a county bureau or a 中心校 merges schools' semester bundles into its store (a SQLite file, or a real
PostgreSQL server) and the merged workbooks. Three real schools exported by the real exporter: the demo school
(青山镇中心小学), a second one (示范县实验小学, 城关镇) whose pupils are other children except one shared with the
first, one who shares only name and masked number, and the child the first school reports studying there
(本在外); a third (白云村教学点) kept as a zip."""
from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from schooldesk.db.catchment_models import CatchmentChild
from schooldesk.db.models import Pupil, School
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle import MANIFEST
from schooldesk.exports.bundle_data import read_bundle_data
from schooldesk.exports.bundle_writing import write_bundle
from schooldesk.exports.county_merge import county_merge
from schooldesk.db.county_store import open_store
from schooldesk.i18n import error_text
from schooldesk.services.bundle import bundle_contents
from tests.builders import demo_folder, open_as_command, run_cli, write_xlsx

TODAY = date(2026, 11, 24)
TERM = SemesterKey(2026, 1)
A, B, C = ("2141051203", "青山镇中心小学", "青山镇"), ("2141051301", "示范县实验小学", "城关镇"), \
    ("2141051402", "白云村教学点", "青山镇")
LEFT = ("控辍保学台账.xlsx", "留守儿童台账")


def _school(folder: Path, who: tuple[str, str, str], *, full_ids: bool, as_zip: bool = False,
            change: Any = None) -> Path:
    demo_folder(folder / "data", today=TODAY)
    db = open_as_command(folder / "data")
    try:
        with db.transaction() as session:
            school = session.scalars(select(School)).one()
            school.code, school.name, school.township = who
            if change is not None:
                change(session)
        contents = bundle_contents(db, TERM, families=("dropout", "catchment", "observations"), full_ids=full_ids,
                                   today=TODAY)
        stick = folder / "stick"
        stick.mkdir()
        return write_bundle(contents, stick, as_zip=as_zip, data_folder=db.path.parent).path
    finally:
        db.close()


def _other_children(shared: list[str]) -> Any:
    """The second school's pupils made other children, but for: the first pupil (the same child: 双重学籍), the
    second (same name and ID number, another birth date: the same child only when full numbers show it), and the
    third, made the child the first school lists as 本在外 at 示范县实验小学."""
    def change(session: Any) -> None:
        pupils = list(session.scalars(select(Pupil).where(Pupil.status == "在读").order_by(Pupil.id)))
        same, near, reported = pupils[0], pupils[1], pupils[2]
        shared.append(same.name)
        near.birth_date = near.birth_date + timedelta(days=1)
        elsewhere = session.scalars(select(CatchmentChild).order_by(CatchmentChild.id)).all()
        child = next(c for c in elsewhere if c.name == "郑浩宇")
        reported.name, reported.birth_date, reported.id_number = child.name, child.birth_date, child.id_number
        for pupil in session.scalars(select(Pupil)):
            if pupil not in (same, near, reported):
                pupil.name = pupil.name[:1] + "乙" + pupil.name[1:]
                if pupil.id_number:
                    pupil.id_number = "9902" + pupil.id_number[4:]
        session.flush()
    return change


def _one_more_at_the_second_school(session: Any) -> None:
    """The first school also reports a child studying at 示范县实验小学 whom that school's roll does not hold."""
    from schooldesk.db.catchment_models import CatchmentFinding

    finding = session.scalars(select(CatchmentFinding).where(CatchmentFinding.school == "示范县第二中学")
                              .order_by(CatchmentFinding.id)).first()
    finding.school = B[1]


def _all_other_children(session: Any) -> None:
    """The third school's pupils: other children all (their names and numbers changed)."""
    for pupil in session.scalars(select(Pupil)):
        pupil.name = pupil.name + "丙"
        if pupil.id_number:
            pupil.id_number = "9903" + pupil.id_number[4:]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each school's bundle, with masked numbers and with full ones."""
    made: dict[str, Any] = {"shared": []}
    for full in (False, True):
        root = tmp_path_factory.mktemp("full" if full else "masked")
        made[(A[0], full)] = _school(root / "a", A, full_ids=full, change=_one_more_at_the_second_school)
        made[(B[0], full)] = _school(root / "b", B, full_ids=full, change=_other_children(made["shared"]))
        made[(C[0], full)] = _school(root / "c", C, full_ids=full, as_zip=True, change=_all_other_children)
    return made


@pytest.fixture
def database(store_database: str | None) -> str | None:
    return store_database


def _copies(bundles: dict[str, Any], tmp_path: Path, *codes: str, full: bool = False) -> list[Path]:
    folder = tmp_path / "received"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for code in codes:
        source = bundles[(code, full)]
        target = folder / f"{code}_{source.name}"
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target)
        paths.append(target)
    return paths


def _merge(paths: list[Path], out: Path, database: str | None, **options: Any):  # type: ignore[no-untyped-def]
    engine = open_store(database, out)
    try:
        return county_merge(paths, engine, explain=error_text, **options)
    finally:
        engine.dispose()


def test_the_merged_left_behind_register_holds_every_schools_children_under_a_school_column(
        bundles: dict[str, Any], tmp_path: Path, database: str | None) -> None:
    paths = _copies(bundles, tmp_path, A[0], B[0], C[0])
    out = tmp_path / "out"
    arguments = ["county-merge", *map(str, paths), "--out", str(out), "--json", "--receiver", "示范县教育局"]
    done = run_cli(*arguments, *(["--database", database] if database else []))
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["schools"] == 3 and outcome["rejected"] == [] and outcome["missing_schools"] == []
    own = {name: read_bundle_data(path).sheet(*LEFT) for name, path in zip((A[1], B[1], C[1]), paths)}
    assert all(sheet is not None and sheet.rows for sheet in own.values())
    assert outcome["pupils"] == sum(len(read_bundle_data(p).sheet("在籍学生名册", "在籍学生名册").rows) for p in paths)
    book = load_workbook(next(out.glob("汇总_控辍保学台账_*.xlsx")))
    sheet = book["留守儿童台账"]
    header = [c.value for c in sheet[3]]
    assert header[:2] == ["乡镇", "学校"] and "姓名" in header
    assert sheet["A2"].value.startswith("填报单位（盖章）：示范县教育局")
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1] in own]
    for name, data in own.items():  # every school's children, in its order, under its name and 乡镇
        mine = [r for r in rows if r[1] == name]
        assert [r[header.index("姓名")] for r in mine] == [r[data.columns.index("姓名")] for r in data.rows]
        assert {r[0] for r in mine} == {dict(zip((A[1], B[1], C[1]), (A[2], B[2], C[2])))[name]}
    if database is None:
        assert (out / "汇总.sqlite3").is_file()
    else:
        assert not (out / "汇总.sqlite3").exists()  # the store is the server's


def test_a_tampered_copy_is_refused_with_its_reason_while_the_others_merge(
        bundles: dict[str, Any], tmp_path: Path, database: str | None, zh_app: Any) -> None:
    paths = _copies(bundles, tmp_path, A[0], B[0], C[0])
    changed = next((paths[1] / "数据" / "控辍保学台账").glob("留守儿童台账.json"))
    changed.write_bytes(changed.read_bytes().replace("留守".encode(), "流动".encode(), 1))
    merge = _merge(paths, tmp_path / "out", database)
    assert [r.path for r in merge.rejected] == [str(paths[1])]
    assert "被改动或不完整" in merge.rejected[0].reason  # in the user's language
    assert sorted(s.name for s in merge.schools) == sorted([A[1], C[1]])
    assert merge.merged_now == 2


def test_exit_codes_say_all_merged_some_refused_or_nothing_merged(bundles: dict[str, Any], tmp_path: Path) -> None:
    paths = _copies(bundles, tmp_path, A[0], C[0])
    broken = tmp_path / "received" / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    first = run_cli("county-merge", str(paths[0]), "--out", str(tmp_path / "one"), "--json")
    assert first.returncode == 0, first.stderr
    some = run_cli("county-merge", str(tmp_path / "received"), "--out", str(tmp_path / "two"), "--json")
    outcome = json.loads(some.stdout)
    assert some.returncode == 1 and outcome["schools"] == 2  # the folder stands for the bundles in it
    assert [r["path"] for r in outcome["rejected"]] == [str(broken)] and outcome["rejected"][0]["reason"]
    none = run_cli("county-merge", str(broken), str(tmp_path / "nowhere"), "--out", str(tmp_path / "three"), "--json")
    outcome = json.loads(none.stdout)
    assert none.returncode == 2 and outcome["schools"] == 0 and len(outcome["rejected"]) == 2
    assert {"schools", "rejected", "pupils", "duplicates", "missing_schools"} <= set(outcome)


def test_double_enrolment_at_its_boundaries(bundles: dict[str, Any], tmp_path: Path, database: str | None) -> None:
    masked = _merge(_copies(bundles, tmp_path, A[0], B[0], C[0]), tmp_path / "masked", database)
    # masked numbers: the same child only with the same name and birth date beside the number
    assert [(d.name, d.schools) for d in masked.duplicates] == [(bundles["shared"][0], tuple(sorted((A[1], B[1]))))]
    assert "*" in masked.duplicates[0].id_number
    alone = _merge(_copies(bundles, tmp_path / "alone", A[0], C[0]), tmp_path / "alone_out", None)
    assert alone.duplicates == ()  # no child shared: none
    full = _merge(_copies(bundles, tmp_path / "full", A[0], B[0], C[0], full=True), tmp_path / "full_out", None)
    # full numbers: the same number is the same child, whatever birth date was typed
    assert len(full.duplicates) == 2 and bundles["shared"][0] in {d.name for d in full.duplicates}


def test_elsewhere_children_are_checked_against_the_named_schools_roll(
        bundles: dict[str, Any], tmp_path: Path, database: str | None) -> None:
    paths = _copies(bundles, tmp_path, A[0], B[0])
    merge = _merge(paths, tmp_path / "out", database)
    elsewhere = read_bundle_data(paths[0]).sheet("适龄儿童摸底.xlsx", "本在外")
    assert elsewhere is not None
    named = [dict(zip(elsewhere.columns, r)) for r in elsewhere.rows]
    at_b = [r["姓名"] for r in named if r["就读学校"] == B[1]]
    assert "郑浩宇" in at_b and len(at_b) == 2  # 郑浩宇 is on B's roll: not listed; the other is
    assert [n.name for n in merge.not_on_roll] == [n for n in at_b if n != "郑浩宇"]
    assert all(n.reported_by == A[1] and n.school == B[1] for n in merge.not_on_roll)
    alone = _merge(paths[:1], tmp_path / "alone", None)
    assert alone.not_on_roll == ()  # a school that has not sent its bundle cannot be told


def test_missing_schools_at_their_boundaries(bundles: dict[str, Any], tmp_path: Path, database: str | None) -> None:
    listing = write_xlsx(tmp_path / "学校名单.xlsx", [
        ["示范县中小学名单"], ["学校标识码", "学校名称", "乡镇"], [A[0], A[1], A[2]], [B[0], B[1], B[2]],
        [C[0], C[1], C[2]], ["2141051999", "红旗小学", "城关镇"]])
    from schooldesk.imports.school_list import read_school_list

    expected = read_school_list(listing)
    paths = _copies(bundles, tmp_path, A[0], B[0], C[0])
    changed = paths[2]  # C's zip, damaged: refused, so C is still missing
    changed.write_bytes(changed.read_bytes()[:-200])
    merge = _merge(paths, tmp_path / "out", database, expected=expected)
    assert [s.name for s in merge.missing_schools] == ["红旗小学", C[1]] or \
        sorted(s.name for s in merge.missing_schools) == sorted(["红旗小学", C[1]])
    assert A[1] not in {s.name for s in merge.missing_schools}  # sent: not missing
    again = _merge(_copies(bundles, tmp_path / "again", C[0]), tmp_path / "out", database)
    assert sorted(s.name for s in again.missing_schools) == ["红旗小学"]  # the list is kept; C came later
    assert len(again.schools) == 3  # the store kept what was merged before


def test_a_newer_bundle_replaces_an_older_one_and_not_the_other_way(
        bundles: dict[str, Any], tmp_path: Path, database: str | None) -> None:
    old, = _copies(bundles, tmp_path / "old", A[0])
    new, = _copies(bundles, tmp_path / "new", A[0])
    for bundle, when in ((old, "2026-11-20T16:30:00"), (new, "2026-11-30T09:00:00")):  # exported on these days
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
        manifest["exported_at"] = when
        (bundle / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    _merge([old], tmp_path / "out", database)
    second = _merge([new], tmp_path / "out", database)
    assert [r.school for r in second.replaced] == [A[1]] and second.merged_now == 1
    assert [s.exported_at for s in second.schools] == ["2026-11-30 09:00"]
    third = _merge([old], tmp_path / "out", database)
    assert third.merged_now == 0 and len(third.rejected) == 1 and [s.exported_at for s in third.schools] == \
        ["2026-11-30 09:00"]
    wrong = json.loads((old / MANIFEST).read_text(encoding="utf-8"))
    wrong["semester"], wrong["semester_label"] = "2025-2026-2", "2025—2026学年第二学期"
    (old / MANIFEST).write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    fourth = _merge([old, new], tmp_path / "out", database, semester="2026-2027-1")
    assert [r.path for r in fourth.rejected][:1] == [str(old)] and "2025—2026学年第二学期" in fourth.rejected[0].reason


def test_counts_are_one_row_per_school_with_totals_by_township_and_for_all(
        bundles: dict[str, Any], tmp_path: Path) -> None:
    paths = _copies(bundles, tmp_path, A[0], B[0], C[0])
    from schooldesk.exports.county_sheets import merge_to_folder

    merge_to_folder(paths, tmp_path / "out", database=None, receiver="青山镇中心校")  # a 中心校 and its 教学点
    own = [read_bundle_data(p) for p in paths]
    schools = load_workbook(next((tmp_path / "out").glob("学校汇总_*.xlsx")))["学校汇总"]
    assert schools["A1"].value.startswith("青山镇中心校各校报送情况")
    listed = {r[1]: r for r in schools.iter_rows(min_row=4, values_only=True) if r[1]}
    assert listed[C[1]][0] == "青山镇" and listed[C[1]][4] == len(own[2].sheet("在籍学生名册", "在籍学生名册").rows)
    month = next(name for name in own[0].sheets if name[0].startswith("控辍保学月报_2026年11月") and
                 own[0].sheets[name].counts)
    book = load_workbook(next((tmp_path / "out").glob("汇总_控辍保学月报_2026年11月_*.xlsx")))
    sheet = book[month[1]]
    header = [c.value for c in sheet[3]]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]]
    numbers = [i for i, v in enumerate(own[0].sheets[month].rows[0]) if isinstance(v, int)]
    assert numbers
    by_school = {r[1]: r for r in rows}
    assert [r[1] for r in rows][:3] == [A[1], C[1], B[1]] or set(by_school) >= {A[1], B[1], C[1]}
    for column in numbers:
        values = [data.sheets[month].rows[0][column] for data in own]
        assert by_school["全部合计"][2 + column] == sum(values)
        township = [r for r in rows if r[0] == "青山镇" and r[1] == "合计"][0]
        assert township[2 + column] == values[0] + values[2]  # A and C are in 青山镇, B is not
    assert header[:2] == ["乡镇", "学校"]
