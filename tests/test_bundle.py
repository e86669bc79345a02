"""The semester's bundle: every sheet read back (headers, dates as dates, IDs as text), manifest counts equal to
the sheets and the database, verify catching a changed byte, a missing and an extra file, an encrypted zip,
a destination too small or read-only failing cleanly, the commands, and the page driven to a folder."""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from schooldesk.domain.errors import StorageError
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle import MANIFEST, PARTIAL
from schooldesk.exports import bundle_writing
from schooldesk.exports.bundle_writing import verify_bundle, write_bundle
from schooldesk.services.bundle import bundle_contents
from schooldesk.services.observations import list_observations
from tests.builders import demo_school, open_as_command, run_cli
from tests.windows import held_without_sharing, lane_stick, windows_only

TODAY = date(2026, 11, 24)
AUTUMN = SemesterKey(2026, 1)


@pytest.fixture(scope="module")
def demo_bundle(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo school's autumn bundle, written once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("bundle")
    db = open_as_command(folder / "data")
    demo_school(db, today=TODAY)
    contents = bundle_contents(db, AUTUMN, today=TODAY)
    (folder / "out").mkdir()
    result = write_bundle(contents, folder / "out")
    yield db, contents, result
    db.close()


def _data_rows(sheet) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """The rows between the header (row 3) and the footer of a sheet in the bureau's layout."""
    rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]
    while rows and (not any(rows[-1]) or str(rows[-1][0]).startswith("单位负责人")):
        rows.pop()
    return [] if rows == [["无"] + [None] * (len(rows[0]) - 1)] else rows


def test_every_sheet_reads_back_and_the_manifest_counts_agree(demo_bundle) -> None:  # type: ignore[no-untyped-def]
    db, contents, result = demo_bundle
    folder = result.path
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["school_code"] == "2141051203" and manifest["semester"] == "2026-2027-1"
    assert {"app_version", "exported_at", "files", "counts"} <= set(manifest)
    for name, sheets in manifest["counts"]["sheets"].items():
        book = openpyxl.load_workbook(folder / name)
        for sheet_name, rows in sheets.items():
            sheet = book[sheet_name[:31]]
            assert sheet["A2"].value.startswith("填报单位（盖章）"), (name, sheet_name)
            assert sheet.freeze_panes == "A4"
            assert len(_data_rows(sheet)) == rows, (name, sheet_name)
    registers = openpyxl.load_workbook(folder / "控辍保学台账.xlsx")["留守儿童台账"]
    header = [c.value for c in registers[3]]
    first = _data_rows(registers)[0]
    assert isinstance(first[header.index("出生日期")], datetime)
    assert isinstance(first[header.index("身份证号")], str) and "*" in first[header.index("身份证号")]  # masked
    observations = openpyxl.load_workbook(folder / "听课评课.xlsx")["听课记录"]
    assert isinstance(_data_rows(observations)[0][1], datetime)
    assert manifest["counts"]["records"]["observations"] == len(list_observations(db, AUTUMN))
    assert manifest["counts"]["sheets"]["听课评课.xlsx"]["听课记录"] == len(list_observations(db, AUTUMN))
    photos = [f for f in manifest["files"] if f["path"].startswith("照片/")]
    assert len(photos) == manifest["counts"]["records"]["photos"] > 0
    assert {f["path"] for f in manifest["files"]} >= {"清单.txt", "听课评课.pdf", "活动记录.pdf", "送教上门.pdf"}
    listing = (folder / "清单.txt").read_text(encoding="utf-8-sig")
    assert "报送前检查" in listing and "尚未由" in listing  # the child not yet visited is listed
    assert verify_bundle(folder).intact


def test_verify_catches_a_changed_byte_a_missing_and_an_extra_file(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _db, _contents, result = demo_bundle
    copy = tmp_path / result.path.name
    shutil.copytree(result.path, copy)
    target = copy / "听课评课.xlsx"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 1
    target.write_bytes(bytes(data))
    (copy / "清单.txt").unlink()
    (copy / "照片" / "extra.jpg").write_bytes(b"x")
    report = verify_bundle(copy)
    assert (report.changed, report.missing, report.extra) == (("听课评课.xlsx",), ("清单.txt",), ("照片/extra.jpg",))
    done = run_cli("verify", str(copy))
    assert done.returncode == 1 and "听课评课.xlsx" in done.stdout and "extra.jpg" in done.stdout
    assert run_cli("verify", str(result.path)).returncode == 0
    assert run_cli("verify", str(tmp_path / "nothing-here")).returncode == 2


def test_an_encrypted_zip_opens_with_its_password_only(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyzipper

    from schooldesk.services.pupils import list_pupils
    from schooldesk.services.teachers import list_teachers

    db, contents, result = demo_bundle
    zipped = write_bundle(contents, tmp_path, as_zip=True, password="青山 2026")
    assert zipped.path.name.endswith("_报送材料.zip") and verify_bundle(zipped.path, "青山 2026").intact
    # the names inside are readable without the password: they name no pupil (nor teacher)
    people = {p.name for p in list_pupils(db, AUTUMN.school_year)} | {t.name for t in list_teachers(db)}
    with pyzipper.AESZipFile(zipped.path) as archive:
        names = archive.namelist()
        archive.setpassword("青山 2026".encode("utf-8"))
        listing = archive.read(next(n for n in names if n.endswith("清单.txt"))).decode("utf-8-sig")
    photos = [n for n in names if "/照片/" in n]
    assert len(photos) == sum(1 for f in result.files if f.path.startswith("照片/")) > 0  # every photo, numbered
    assert not [(n, who) for n in names for who in people if who in n]
    assert any(who in f.path for f in result.files for who in people)  # the open folder keeps the names
    first = photos[0].split("/", 1)[1]
    assert f"{first}：" in listing and "四、照片目录" in listing  # whose it is: inside, encrypted
    with pytest.raises(StorageError):
        verify_bundle(zipped.path, "")
    with pytest.raises(StorageError):
        verify_bundle(zipped.path, "wrong")
    with pyzipper.AESZipFile(zipped.path) as archive:
        with pytest.raises(RuntimeError):
            archive.read(archive.namelist()[0])  # no password: unreadable
    password = tmp_path / "pw.txt"
    password.write_text("青山 2026\n", encoding="utf-8")
    assert run_cli("verify", str(zipped.path), "--password-file", str(password)).returncode == 0
    assert run_cli("verify", str(zipped.path)).returncode == 2


def _nothing_looks_complete(folder: Path) -> None:
    left = [p.name for p in folder.iterdir()]
    assert not any(name.endswith(PARTIAL) for name in left) and not any("报送材料" in name for name in left), left


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 2 MB file system (tmpfs, when running as root); else None."""
    mount = tmp_path / "stick"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_destination_too_small_is_refused_up_front(demo_bundle, small_disk, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _db, contents, _result = demo_bundle
    if small_disk is not None:
        with pytest.raises(StorageError) as error:
            write_bundle(contents, small_disk)
        assert "MB" in str(error.value)
        _nothing_looks_complete(small_disk)
        return
    stick = tmp_path / "stick"  # no tmpfs here: the file system says it is full halfway through
    stick.mkdir(exist_ok=True)
    monkeypatch.setattr(bundle_writing, "_copy_tree", lambda *_a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space")))
    with pytest.raises(StorageError):
        write_bundle(contents, stick)
    _nothing_looks_complete(stick)


def test_a_full_read_only_or_pulled_out_stick_fails_cleanly(demo_bundle, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _db, contents, _result = demo_bundle
    stick = tmp_path / "stick"
    stick.mkdir()
    real_copy = bundle_writing._copy_tree
    for code, words in ((errno.EROFS, "read-only"), (errno.ENOSPC, "MB"), (errno.EIO, "pulled out")):
        def half_written(source, target, code=code):  # type: ignore[no-untyped-def]
            real_copy(source, target)  # the files land, then the stick fails
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(bundle_writing, "_copy_tree", half_written)
        with pytest.raises(StorageError) as error:
            write_bundle(contents, stick)
        assert words in str(error.value)
        _nothing_looks_complete(stick)
    with pytest.raises(StorageError):
        write_bundle(contents, tmp_path / "unplugged")
    with pytest.raises(StorageError):  # never inside the data folder
        write_bundle(contents, stick, data_folder=tmp_path)


def test_the_export_command(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _contents, _result = demo_bundle
    out = tmp_path / "usb"
    out.mkdir()
    done = run_cli("export", "--semester", "2026-2027-1", "--out", str(out), "--json", "--data-dir", str(db.path.parent))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"files", "counts", "warnings"} <= set(result)
    assert all({"path", "size", "sha256"} <= set(f) for f in result["files"]) and result["warnings"]
    [folder] = list(out.iterdir())
    assert verify_bundle(folder).intact


def test_the_page_writes_the_bundle_to_a_folder(qtbot, zh_app, demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.state import AppState

    db, _contents, _result = demo_bundle
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    page = window.open_page("ExportPage")
    page.choose_semester(AUTUMN)
    assert page.semester.currentData() == AUTUMN
    assert page.checks.count() > 0  # 报送前检查 lists what is incomplete
    for code in ("dropout", "home_teaching", "mentorship", "teachers"):
        page.families[code].setChecked(False)
    page.as_zip.setChecked(True)
    page.password.setText("abc123")
    page.password_again.setText("abc124")
    page.use_folder(tmp_path)
    assert page.export() is None  # the passwords differ: nothing written
    page.password_again.setText("abc123")
    task = page.export()
    qtbot.waitUntil(lambda: not task.running, timeout=120000)
    assert page.result is not None and page.result.path.suffix == ".zip" and "读取校验无误" in page.outcome.text()
    report = verify_bundle(page.result.path, "abc123")
    assert report.intact and report.manifest["families"] == ["observations", "activities"]


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_processes_write_the_same_bundle(demo_bundle, tmp_path: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    """A large school's PDFs are shared between other processes and this one; what lands is the same bundle."""
    from pypdf import PdfReader

    _db, contents, alone = demo_bundle
    apart = write_bundle(contents, tmp_path, workers=workers)
    assert [f.path for f in apart.files] == [f.path for f in alone.files]
    assert apart.counts == alone.counts and apart.warnings == alone.warnings
    for name in (f.path for f in alone.files if f.path.endswith(".pdf")):
        ours, theirs = PdfReader(apart.path / name), PdfReader(alone.path / name)
        assert [p.extract_text() for p in ours.pages] == [p.extract_text() for p in theirs.pages], name
    assert verify_bundle(apart.path).intact


@pytest.mark.parametrize("workers", [0, 2])
def test_cancel_stops_the_work_and_leaves_nothing(demo_bundle, tmp_path: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    import multiprocessing

    from schooldesk.domain.errors import Cancelled

    _db, contents, _result = demo_bundle
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:  # the clerk presses 取消 while the documents are being made
            raise Cancelled()

    with pytest.raises(Cancelled):
        write_bundle(contents, tmp_path, workers=workers, progress=progress)
    assert list(tmp_path.iterdir()) == [] and multiprocessing.active_children() == []
    assert seen[-1][0] == 3 and seen[-1][1] > 20  # the documents and each photo count as a step


def test_a_large_family_is_bound_in_volumes_each_with_its_cover_and_contents(demo_bundle, tmp_path: Path,
                                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past VOLUME_RECORDS records a family's archive is split into volumes of equal size: each record in
    exactly one, each volume with its cover line, its own contents and its own 第 N 页 / 共 M 页."""
    import re

    from pypdf import PdfReader

    from schooldesk.exports import archive_pdf

    _db, contents, alone = demo_bundle
    observations = len(contents.observation_sheets)
    assert observations > 120  # the demo school's autumn has enough for three volumes of at most 60
    monkeypatch.setattr(archive_pdf, "VOLUME_RECORDS", 60)
    count = -(-observations // 60)
    size, extra = divmod(observations, count)
    result = write_bundle(contents, tmp_path, workers=0)
    names = [f.path for f in result.files if f.path.startswith("听课评课") and f.path.endswith(".pdf")]
    assert names == sorted(f"听课评课_第{n}册.pdf" for n in range(1, count + 1)) and "听课评课.pdf" not in names
    topics, first = [], 1
    for number in range(1, count + 1):
        pages = [p.extract_text() for p in PdfReader(result.path / f"听课评课_第{number}册.pdf").pages]
        held = size + (number <= extra)  # sizes differ by one at most
        assert f"第{number}册（共{count}册）" in pages[0] and f"第{first}—{first + held - 1}份" in pages[0], number
        assert "目　录" in pages[1]
        assert all(f"第 {n} 页 / 共 {len(pages)} 页" in page for n, page in enumerate(pages, 1))
        records = [page for page in pages if "听课记录表" in page]
        assert len(records) == held
        topics += [re.search(r"课题\s*(\S+)", page).group(1) for page in records]  # type: ignore[union-attr]
        first += held
    assert sorted(topics) == sorted(s.observation.topic for s in contents.observation_sheets)
    assert result.counts == alone.counts and verify_bundle(result.path).intact


def test_volumes_are_as_few_and_as_even_as_will_do() -> None:
    from schooldesk.exports.archive_pdf import VOLUME_RECORDS, volumes

    assert [len(v) for v in volumes([])] == [0]
    assert [len(v) for v in volumes(list(range(VOLUME_RECORDS)))] == [VOLUME_RECORDS]
    assert [len(v) for v in volumes(list(range(VOLUME_RECORDS + 1)))] == [126, 125]
    assert [len(v) for v in volumes(list(range(1000)))] == [250] * 4
    assert [len(v) for v in volumes(list(range(1001)))] == [201, 200, 200, 200, 200]
    split = volumes(list(range(777)))
    assert [x for v in split for x in v] == list(range(777)) and max(map(len, split)) <= VOLUME_RECORDS


def test_the_archives_records_are_read_once_and_print_as_each_record_alone(demo_bundle) -> None:  # type: ignore[no-untyped-def]
    """The bundle builds each record's page from the rows its book already read (not one read per record);
    every page shows what printing that record alone shows."""
    from schooldesk.services.activity_print import activity_sheet
    from schooldesk.services.observation_print import observation_sheet

    db, contents, _result = demo_bundle
    assert contents.observation_sheets and contents.activity_sheets
    assert list(contents.observation_sheets) == [observation_sheet(db, s.observation.id) for s in contents.observation_sheets]
    alone = [activity_sheet(db, s.activity.id) for s in contents.activity_sheets]
    in_term = [(s, a) for s, a in zip(contents.activity_sheets, alone) if a.semester is not None]
    assert in_term and all(s == a for s, a in in_term)
    assert all(s.semester == AUTUMN for s in contents.activity_sheets)  # a holiday visit prints with its term
    from sqlalchemy import event

    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        bundle_contents(db, AUTUMN, today=TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    records = len(contents.observation_sheets) + len(contents.activity_sheets)
    assert len(statements) < 2 * records, (len(statements), records)  # one read per record was over ten each


@windows_only
def test_a_file_of_the_bundle_open_in_excel_is_named_and_nothing_on_the_stick_is_deleted(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _db, contents, _result = demo_bundle
    stick = tmp_path / "U盘"
    stick.mkdir()
    first = write_bundle(contents, stick).path
    before = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    open_in_excel = first / "听课评课.xlsx"
    with held_without_sharing(open_in_excel):
        with pytest.raises(StorageError) as error:
            write_bundle(contents, stick)
        assert "听课评课.xlsx" in str(error.value) and "open in another program" in str(error.value)
    after = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    assert after == before and verify_bundle(first).intact  # the earlier bundle, every byte of it
    assert sorted(p.name for p in stick.iterdir()) == [first.name]  # no .partial, no .old left
    assert write_bundle(contents, stick).path == first and verify_bundle(first).intact  # once Excel is closed

    zipped = write_bundle(contents, stick, as_zip=True).path
    zipped_bytes = zipped.read_bytes()
    with held_without_sharing(zipped):
        with pytest.raises(StorageError, match="open in another program"):
            write_bundle(contents, stick, as_zip=True)
    assert zipped.read_bytes() == zipped_bytes and verify_bundle(zipped).intact


@windows_only
def test_a_workbook_open_in_excel_is_named_and_kept_when_exported_again(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _contents, _result = demo_bundle
    target = tmp_path / "听课评课.xlsx"
    done = run_cli("export-observations", "--semester", "2026-2027-1", "--out", str(target), "--data-dir", str(db.path.parent))
    assert done.returncode == 0, done.stderr
    kept = target.read_bytes()
    with held_without_sharing(target):
        again = run_cli("export-observations", "--semester", "2026-2027-1", "--out", str(target),
                        "--data-dir", str(db.path.parent))
    assert again.returncode == 2 and "听课评课.xlsx" in again.stderr and "Excel" in again.stderr, again.stderr
    assert target.read_bytes() == kept and not list(tmp_path.glob(".*.part"))


@windows_only
def test_sticks_are_found_by_drive_type_and_a_write_protected_one_by_trying(demo_bundle) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.exports.sticks import removable_drives

    _db, contents, _result = demo_bundle
    usb, protected = lane_stick("usb"), lane_stick("read-only")
    sticks = {stick.root: stick for stick in removable_drives()}
    assert Path("C:\\") not in sticks  # the system's own disk is never offered
    assert sticks[usb].writable and sticks[usb].free > 0 and "SCHOOLUSB" in sticks[usb].label
    assert not sticks[protected].writable
    with pytest.raises(StorageError, match="read-only or protected"):
        write_bundle(contents, protected)


def test_verify_answers_a_damaged_zip_or_manifest_plainly_never_with_an_unexpected_error(demo_bundle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Flipped bytes, truncation, an empty file, a cut AES zip and manifests of the wrong shape: each is "cannot be
    read" (exit 2 with the plain message), for the service and the command."""
    import shutil

    _db, contents, result = demo_bundle
    from schooldesk.exports.bundle_writing import UNREADABLE

    for folder in ("plain", "sealed"):
        (tmp_path / folder).mkdir()
    plain = write_bundle(contents, tmp_path / "plain", as_zip=True)
    sealed = write_bundle(contents, tmp_path / "sealed", as_zip=True, password="青山 2026")
    damaged: dict[str, Path] = {}

    def variant(name: str, source: Path, change) -> None:  # type: ignore[no-untyped-def]
        target = tmp_path / "damaged" / name
        target.parent.mkdir(exist_ok=True)
        data = bytearray(source.read_bytes())
        target.write_bytes(bytes(change(data)))
        damaged[name] = target

    def flip(at: float):  # type: ignore[no-untyped-def]
        def change(data: bytearray) -> bytearray:
            data[int(len(data) * at)] ^= 0xFF
            return data
        return change

    for at in (0.3, 0.6, 0.995):  # inside a member, and in the central directory at the end
        variant(f"flipped-{at}.zip", plain.path, flip(at))
    variant("half.zip", plain.path, lambda d: d[: len(d) // 2])
    variant("empty.zip", plain.path, lambda d: b"")
    variant("sealed-cut.zip", sealed.path, lambda d: d[: len(d) - 200])
    variant("sealed-flipped.zip", sealed.path, flip(0.5))
    for name, manifest in (("notalist", {"files": "notalist"}), ("list", [1, 2]), ("entry", {"files": [{"path": 1}]}),
                           ("number", 7), ("broken", None)):
        folder = tmp_path / "manifests" / name
        shutil.copytree(result.path, folder)
        (folder / "manifest.json").write_text("{not json" if manifest is None else json.dumps(manifest), encoding="utf-8")
        damaged[f"manifest-{name}"] = folder
    password = tmp_path / "pw.txt"
    password.write_text("青山 2026\n", encoding="utf-8")
    for name, path in damaged.items():
        secret = "青山 2026" if name.startswith("sealed") else ""
        try:
            report = verify_bundle(path, secret)
        except StorageError as error:
            assert error.message == UNREADABLE, name
        else:  # read: a flipped byte in a member is a changed file; one in the directory's dates changes no content
            assert not report.intact or name == "flipped-0.995.zip", name
        done = run_cli("verify", str(path), *(["--password-file", str(password)] if secret else []))
        assert done.returncode in ((0, 1, 2) if name == "flipped-0.995.zip" else (1, 2)), (name, done.returncode)
        assert "意外" not in done.stderr + done.stdout and "Traceback" not in done.stderr, (name, done.stderr)
        if done.returncode == 2:
            assert "无法作为报送材料读取" in done.stderr, (name, done.stderr)


def test_the_monthly_reports_sort_in_the_terms_order_and_the_listing_explains_the_manifest(demo_bundle) -> None:  # type: ignore[no-untyped-def]
    _db, contents, result = demo_bundle
    names = [p.name for p in result.path.iterdir() if p.name.startswith("控辍保学月报")]
    assert len(names) == len(contents.monthly) >= 3
    in_term_order = [f"控辍保学月报_{r.month.year}年{r.month.month:02d}月.xlsx" for r in contents.monthly]
    assert sorted(names) == in_term_order  # as a folder lists them: 09月, 10月, 11月 — never 10月 before 9月
    listing = (result.path / "清单.txt").read_text(encoding="utf-8-sig")
    assert "manifest.json" in listing and "校验" in listing  # the one English name says what it is for
