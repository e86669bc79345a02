"""Data safety, second pass: restore never loses data, commands respect each other, outputs never hit the data."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from schooldesk.db.backups import list_backups, prune_backups, take_backup
from schooldesk.db.restore import check_backup, restore_backup
from schooldesk.db.database import BACKUP_DIRNAME, database_path
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, list_teachers
from tests.builders import demo_folder, open_as_command, run_cli
from tests.windows import windows_only


@pytest.fixture
def with_backup(data_dir: Path) -> Path:
    """A database with 甲老师, a backup of it, then 乙老师 added."""
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    saved = take_backup(db.path, data_dir / BACKUP_DIRNAME).path
    add_teacher(db, TeacherInput(name="乙老师", gender="男"))
    db.close()
    return saved


def test_restore_over_a_damaged_file_keeps_it_byte_for_byte(data_dir: Path, with_backup: Path) -> None:
    path = database_path(data_dir)
    with open(path, "r+b") as handle:  # damage the middle: the header still says SQLite
        handle.seek(4096)
        handle.write(b"\xff" * 4096)
    damaged = path.read_bytes()
    kept = restore_backup(with_backup, path, data_dir / BACKUP_DIRNAME)
    assert kept is not None and kept.read_bytes() == damaged and "damaged-before-restore" in kept.name
    db = open_as_command(data_dir)
    try:
        assert [t.name for t in list_teachers(db)] == ["甲老师"]
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["empty", "foreign", "newer"])
def test_restore_refuses_what_is_not_a_schooldesk_backup_and_changes_nothing(data_dir: Path, with_backup: Path,
                                                                             tmp_path: Path, kind: str) -> None:
    candidate = tmp_path / f"{kind}.sqlite3"
    if kind == "empty":
        candidate.write_bytes(b"")
    elif kind == "foreign":
        with sqlite3.connect(candidate) as conn:
            conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.close()
    else:
        shutil.copyfile(with_backup, candidate)
        with sqlite3.connect(candidate) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '20991231_0099'")
        conn.close()
    path = database_path(data_dir)
    before = path.read_bytes(), sorted(p.name for p in data_dir.rglob("*"))
    with pytest.raises(SchoolDeskError, match="newer version" if kind == "newer" else "not a SchoolDesk backup"):
        restore_backup(candidate, path, data_dir / BACKUP_DIRNAME)
    assert (path.read_bytes(), sorted(p.name for p in data_dir.rglob("*"))) == before
    assert check_backup(with_backup).startswith("2026")


def test_a_newer_backup_is_refused_in_chinese_by_the_command(data_dir: Path, with_backup: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(with_backup, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '20991231_0099'")
    conn.close()
    done = run_cli("restore", str(newer), "--data-dir", str(data_dir))
    assert done.returncode == 2 and "这个备份来自更新版本的 SchoolDesk" in done.stderr


def test_commands_that_write_take_the_apps_lock(data_dir: Path, with_backup: Path) -> None:
    from schooldesk.instance_lock import lock_data_dir

    before = database_path(data_dir).read_bytes()
    lock = lock_data_dir(data_dir)  # the app is open on the folder
    try:
        started = time.monotonic()
        refused = run_cli("restore", str(with_backup), "--data-dir", str(data_dir))
        waited = time.monotonic() - started
        assert refused.returncode == 2 and "SchoolDesk 正在使用这个数据文件夹" in refused.stderr
        assert waited >= 3  # it waited for the other to finish before giving up
        for command in (("backup",), ("import-students", str(with_backup))):
            assert "正在使用这个数据文件夹" in run_cli(*command, "--data-dir", str(data_dir)).stderr
        assert run_cli("check", "--data-dir", str(data_dir)).returncode == 0  # reading needs no lock
    finally:
        lock.unlock()
    assert database_path(data_dir).read_bytes() == before


def test_a_restore_during_an_import_never_loses_the_imported_pupils(data_dir: Path, tmp_path: Path) -> None:
    from bench.import_and_search import roster
    from schooldesk.db.database import Database
    from schooldesk.domain.semester import default_term_dates
    from schooldesk.services.pupils import count_pupils_on_roll
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    db = open_as_command(data_dir)
    set_up_school(db, school=SchoolDetails("测试小学", "2141051203"), term1=default_term_dates(2025)[0],
                  term2=default_term_dates(2025)[1], admin_username="admin", admin_password="correct horse")
    backup = take_backup(db.path, tmp_path).path
    db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    importing = subprocess.Popen([sys.executable, "-m", "schooldesk", "import-students", str(roster(tmp_path / "r.xlsx")),
                                  "--data-dir", str(data_dir)], env=env, stdout=subprocess.PIPE, text=True)
    lock_file = data_dir / "schooldesk.lock"
    deadline = time.monotonic() + 60
    while not lock_file.exists() and importing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    restored = run_cli("restore", str(backup), "--data-dir", str(data_dir))
    output, _ = importing.communicate(timeout=120)
    assert importing.returncode == 0 and "3000" in output
    if restored.returncode == 0:  # it waited for the import to finish: the import is in the copy it kept
        [kept] = list((data_dir / BACKUP_DIRNAME).glob("*-pre-restore.sqlite3"))
        copy = Database(kept)
        try:
            assert count_pupils_on_roll(copy) == 3000
        finally:
            copy.close()
    else:
        assert "正在使用这个数据文件夹" in restored.stderr
        db = open_as_command(data_dir)
        try:
            assert count_pupils_on_roll(db) == 3000
        finally:
            db.close()


def test_a_backup_taken_with_the_clock_set_back_is_kept(data_dir: Path) -> None:
    db = open_as_command(data_dir)
    backups = data_dir / BACKUP_DIRNAME
    start = datetime(2026, 1, 1, 8)
    for day in range(30):
        info = take_backup(db.path, backups, reason="daily", now=start + timedelta(days=day))
        prune_backups(backups, just_taken=info)
    assert not info.clock_behind and len(list_backups(backups)) == 14  # one month: the newest 14
    before = {b.path for b in list_backups(backups)}
    dead_battery = take_backup(db.path, backups, reason="daily", now=datetime(2009, 1, 1, 0, 5))
    assert dead_battery.clock_behind
    assert prune_backups(backups, just_taken=dead_battery) == []
    assert {b.path for b in list_backups(backups)} == before | {dead_battery.path}
    db.close()


FORWARD, BACKWARD = datetime(2040, 1, 1, 8), datetime(2000, 1, 1, 8)  # a wrong BIOS year, a dead CMOS battery


@pytest.mark.parametrize("excursions", [(FORWARD,), (BACKWARD,), (FORWARD, BACKWARD), (BACKWARD, FORWARD)],
                         ids=["forward", "backward", "forward-then-backward", "backward-then-forward"])
def test_backups_survive_a_clock_set_forward_or_back_and_rotate_again_once_it_is_right(
        data_dir: Path, excursions: tuple[datetime, ...]) -> None:
    """A change, then a rotated backup, day after day: in November, then with the clock wrong (each excursion
    three days), then right again. The backups holding the newest data are never pruned; with the clock behind
    the clerk is warned and nothing is pruned; once it is right the warning stops, backups dated in the future
    are dated now (said once) and rotation goes on as usual."""
    from schooldesk.db.backups import content_rank

    db = open_as_command(data_dir)
    backups = data_dir / BACKUP_DIRNAME
    number = 0

    def day(now: datetime):  # type: ignore[no-untyped-def]
        nonlocal number
        number += 1
        add_teacher(db, TeacherInput(name=f"教师{number}", gender="男"))  # something new to hold
        ranked = sorted((content_rank(b.path) for b in list_backups(backups)), reverse=True)
        info = take_backup(db.path, backups, reason="daily", now=now)
        prune_backups(backups, just_taken=info)
        present = {content_rank(b.path) for b in list_backups(backups)}
        assert set(ranked[:13]) | {content_rank(info.path)} <= present, now  # the newest data: never pruned
        return info

    today = datetime(2026, 11, 1, 8)
    for offset in range(20):
        assert not day(today + timedelta(days=offset)).clock_behind
    today += timedelta(days=20)
    last_of_each = []
    for wrong in excursions:
        infos = [day(wrong + timedelta(days=offset)) for offset in range(3)]
        last_of_each.append(content_rank(infos[-1].path))
        if wrong == BACKWARD:
            assert all(i.clock_behind for i in infos)  # told; nothing pruned while it is behind
    right = day(today)
    assert set(last_of_each) <= {content_rank(b.path) for b in list_backups(backups)}  # each period's last kept
    assert not right.clock_behind
    assert bool(right.redated) == (FORWARD in excursions)  # those made in 2040 are dated now, and it is said
    assert not any(b.created > today for b in list_backups(backups))
    for offset in range(1, 31):  # a month of right days: no word, and rotation as usual
        later = day(today + timedelta(days=offset))
        assert not later.clock_behind and not later.redated
    kept = list_backups(backups)
    assert len(kept) <= 14 + 12 + 14
    assert {content_rank(b.path) for b in kept} >= {content_rank(later.path)}
    assert min(b.created for b in kept if b.created.year == 2026) > datetime(2026, 11, 1, 8)  # the oldest went
    db.close()


@contextmanager
def held_exclusively(path: Path) -> Iterator[None]:
    """Another program holds the database exclusively (as a careless tool or a virus scanner can)."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE'); "
        "c.execute('CREATE TABLE held (x)'); print('held', flush=True); time.sleep(60)"),
        str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_a_backup_gives_up_on_a_database_held_exclusively(data_dir: Path, tmp_path: Path) -> None:
    open_as_command(data_dir).close()
    with held_exclusively(database_path(data_dir)):
        started = time.monotonic()
        with pytest.raises(StorageError, match="busy in another program"):
            take_backup(database_path(data_dir), tmp_path / "b")
        assert time.monotonic() - started < 30


def test_an_empty_database_is_not_backed_up_and_partial_copies_are_cleaned(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"")
    with pytest.raises(StorageError, match="nothing to back up"):
        take_backup(database_path(data_dir), tmp_path)
    database_path(data_dir).unlink()
    open_as_command(data_dir).close()
    leftover = tmp_path / ".schooldesk-20260101-000000-daily.sqlite3.part"
    leftover.write_bytes(b"x" * 1000)
    take_backup(database_path(data_dir), tmp_path)
    assert not leftover.exists()


def test_no_output_ever_replaces_the_database(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "d")
    before = database_path(data).read_bytes()
    for target in (database_path(data), data / "backups" / "x.pdf", Path("/dev/full")):
        done = run_cli("print-home-teaching", "--student", "x", "--blank", "--out", str(target), "--data-dir", str(data))
        assert done.returncode == 2 and ("数据文件夹" in done.stderr or "不是可以写入的文件" in done.stderr), done.stderr
    assert database_path(data).read_bytes() == before
    assert run_cli("check", "--data-dir", str(data)).returncode == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_folder_and_its_files_are_private(data_dir: Path, tmp_path: Path) -> None:
    from schooldesk.diagnostics import start_logging, stop_logging, log

    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    info = take_backup(db.path, data_dir / BACKUP_DIRNAME)
    start_logging(data_dir)
    log.info("a line")
    stop_logging()
    stick = tmp_path / "usb"
    stick.mkdir()
    on_stick = take_backup(db.path, stick)
    wal = Path(f"{database_path(data_dir)}-wal")
    assert wal.exists() and wal.stat().st_mode & 0o777 == 0o600  # while the database is open
    db.close()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    for path in (database_path(data_dir), info.path, on_stick.path,
                 data_dir / "logs" / "schooldesk.log"):
        assert path.exists() and path.stat().st_mode & 0o777 == 0o600, path
    for folder in (data_dir / BACKUP_DIRNAME, data_dir / "logs"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_folder_under_the_data_folder_is_private_after_init_photo_backup_and_export(tmp_path: Path) -> None:
    """photos/ and its two-letter folders, thumbnails, backups and their photos, logs and the export's scratch:
    none is left readable by other accounts (mkdir's parents would have been 0755)."""
    from datetime import date as day

    from schooldesk.db.backups import take_rotated_backup
    from schooldesk.exports.bundle_writing import write_bundle
    from schooldesk.services.activities import ActivityInput, add_activity
    from schooldesk.services.activity_kinds import list_kinds
    from schooldesk.services.bundle import bundle_contents
    from schooldesk.services.photos import thumbnail
    from schooldesk.services.semesters import current_semester_key
    from tests.builders import photo

    data = tmp_path / "data"
    password = tmp_path / "pw.txt"
    password.write_text("correct horse\n", encoding="utf-8")
    done = run_cli("init", "--data-dir", str(data), "--school-name", "石桥村小学", "--school-code", "2141051203",
                   "--year", str(day.today().year if day.today().month >= 9 else day.today().year - 1),
                   "--admin", "admin", "--password-file", str(password))
    assert done.returncode == 0, done.stderr

    def loose() -> list[str]:
        return [f"{p.relative_to(data)} {p.stat().st_mode & 0o777:o}" for p in [data, *data.rglob("*")]
                if p.is_dir() and p.stat().st_mode & 0o077]

    assert not loose()
    db = open_as_command(data)
    try:
        kind = next(k for k, spec in list_kinds(db).items() if spec.code == "class_meeting")
        teacher = add_teacher(db, TeacherInput(name="李老师", gender="女")).id
        row = add_activity(db, ActivityInput(kind_id=kind, title="班会", date=day.today(), organiser_id=teacher,
                                             new_photos=(photo(tmp_path / "a.jpg"),)))
        thumbnail(db, row.photos[0])
        assert not loose()
        take_rotated_backup(db.path, "manual")
        assert not loose()
        stick = tmp_path / "usb"
        stick.mkdir()
        write_bundle(bundle_contents(db, current_semester_key(db)), stick, data_folder=data)
        assert not loose()
    finally:
        db.close()
    for older in (data / "photos", next(p for p in (data / "photos").iterdir() if p.is_dir())):
        older.chmod(0o755)  # as an older SchoolDesk made them
    open_as_command(data).close()
    assert not loose()


def test_a_sealed_backup_on_a_stick_opens_only_with_its_password(data_dir: Path, with_backup: Path,
                                                                  tmp_path: Path) -> None:
    import zipfile

    stick = tmp_path / "usb"
    stick.mkdir()
    password = tmp_path / "pw.txt"
    password.write_text("正确的密码 horse\n", encoding="utf-8")
    sealed = run_cli("backup", "--out", str(stick), "--password-file", str(password), "--data-dir", str(data_dir))
    assert sealed.returncode == 0, sealed.stderr
    [archive] = list(stick.glob("schooldesk-*-manual.zip"))
    with zipfile.ZipFile(archive) as plain:  # the standard library alone cannot read it
        [member] = plain.namelist()
        with pytest.raises(Exception):
            plain.read(member)
    assert b"SQLite format 3" not in archive.read_bytes() and "甲老师".encode() not in archive.read_bytes()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the password", encoding="utf-8")
    before = database_path(data_dir).read_bytes()
    for attempt in (("--password-file", str(wrong)), ()):
        refused = run_cli("restore", str(archive), *attempt, "--data-dir", str(data_dir))
        assert refused.returncode == 2 and "密码" in refused.stderr and "Traceback" not in refused.stderr
    assert database_path(data_dir).read_bytes() == before
    restore_backup(with_backup, database_path(data_dir), data_dir / BACKUP_DIRNAME)  # now only 甲老师
    restored = run_cli("restore", str(archive), "--password-file", str(password), "--data-dir", str(data_dir))
    assert restored.returncode == 0, restored.stderr
    db = open_as_command(data_dir)
    try:
        assert sorted(t.name for t in list_teachers(db)) == ["乙老师", "甲老师"]
    finally:
        db.close()


def test_a_restore_over_a_database_held_exclusively_says_it_is_busy(data_dir: Path, with_backup: Path) -> None:
    with held_exclusively(database_path(data_dir)):
        done = run_cli("restore", str(with_backup), "--data-dir", str(data_dir))
        assert done.returncode == 2 and "正被其他程序占用" in done.stderr and "意外错误" not in done.stderr, done.stderr
        assert not list(data_dir.glob("*.restoring"))


@windows_only
@pytest.mark.parametrize("holder", ["second window", "virus scanner"])
def test_a_restore_while_another_handle_holds_the_database_says_so_and_loses_nothing(data_dir: Path, with_backup: Path,
                                                                                      holder: str) -> None:
    path = database_path(data_dir)
    if holder == "second window":  # another SchoolDesk's connection: SQLite shares read and write, not delete
        other = sqlite3.connect(path)
        other.execute("SELECT count(*) FROM teacher").fetchall()
        release = other.close
    else:  # a scanner reading the file
        handle = open(path, "rb")
        release = handle.close
    try:
        with pytest.raises(StorageError, match="busy in another program"):
            restore_backup(with_backup, path, data_dir / BACKUP_DIRNAME)
    finally:
        release()
    assert not list(data_dir.glob("*.restoring*"))
    db = open_as_command(data_dir)
    try:
        assert sorted(t.name for t in list_teachers(db)) == ["乙老师", "甲老师"]  # nothing lost
    finally:
        db.close()
    restore_backup(with_backup, path, data_dir / BACKUP_DIRNAME)  # once it is let go
    db = open_as_command(data_dir)
    try:
        assert [t.name for t in list_teachers(db)] == ["甲老师"]
    finally:
        db.close()
