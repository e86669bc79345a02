"""Backups: consistent, verified, rotated, restorable; damaged files moved aside and a backup offered."""
from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from schooldesk.db.backups import BackupInfo, backups_to_keep, integrity_ok, list_backups, prune_backups, take_backup
from schooldesk.db.restore import restore_backup
from schooldesk.db.database import BACKUP_DIRNAME, DamagedDatabaseError, Database, database_path
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, list_teachers
from tests.builders import demo_folder, open_as_command, run_cli


def test_backup_of_a_live_database_with_uncheckpointed_wal(db: Database, tmp_path: Path) -> None:
    add_teacher(db, TeacherInput(name="王老师", gender="女"))  # still in the WAL: the connection is open
    assert Path(f"{db.path}-wal").stat().st_size > 0
    info = take_backup(db.path, tmp_path / "b")
    assert integrity_ok(info.path)
    copy = Database(info.path)
    try:
        assert [t.name for t in list_teachers(copy)] == ["王老师"]
    finally:
        copy.close()


def test_two_backups_in_one_second_both_kept(db: Database, tmp_path: Path) -> None:
    now = datetime(2026, 3, 1, 8, 0, 0)
    first = take_backup(db.path, tmp_path, now=now)
    second = take_backup(db.path, tmp_path, now=now)
    assert first.path != second.path
    assert len(list_backups(tmp_path)) == 2


def test_rotation_keeps_last_fourteen_and_one_a_month_for_a_year() -> None:
    start = datetime(2025, 1, 1, 18, 0)
    backups = [BackupInfo(Path(f"b{day}"), start + timedelta(days=day), "close", 1) for day in range(500)]
    keep = backups_to_keep(backups)
    newest = sorted(backups, key=lambda b: b.created, reverse=True)
    assert {b.path for b in newest[:14]} <= keep
    kept_old = [b for b in backups if b.path in keep and b not in newest[:14]]
    months = {(b.created.year, b.created.month) for b in kept_old}
    assert len(kept_old) == len(months) and len(months) <= 12
    assert len(keep) <= 14 + 12
    assert newest[-1].path not in keep  # older than a year


def test_prune_deletes_files(db: Database, tmp_path: Path) -> None:
    for day in range(20):
        take_backup(db.path, tmp_path, now=datetime(2026, 5, 1) + timedelta(days=day))
    removed = prune_backups(tmp_path)
    assert len(removed) == 20 - 14 and all(not p.exists() for p in removed)
    assert len(list_backups(tmp_path)) == 14


def test_restore_round_trip_keeps_a_safety_copy(data_dir: Path) -> None:
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    saved = take_backup(db.path, data_dir / BACKUP_DIRNAME)
    add_teacher(db, TeacherInput(name="乙老师", gender="男"))
    db.close()
    safety = restore_backup(saved.path, database_path(data_dir), data_dir / BACKUP_DIRNAME)
    db = open_as_command(data_dir)
    try:
        assert [t.name for t in list_teachers(db)] == ["甲老师"]
    finally:
        db.close()
    assert safety is not None and safety.name.endswith("-pre-restore.sqlite3")
    before = Database(safety)
    try:
        assert sorted(t.name for t in list_teachers(before)) == ["乙老师", "甲老师"]
    finally:
        before.close()


def test_restoring_a_bad_file_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    db.close()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(os.urandom(8192))
    before = database_path(data_dir).read_bytes()
    with pytest.raises(SchoolDeskError, match="not a SchoolDesk backup"):
        restore_backup(bogus, database_path(data_dir), data_dir / BACKUP_DIRNAME)
    assert database_path(data_dir).read_bytes() == before


def test_damaged_database_at_start_offers_the_newest_good_backup(data_dir: Path) -> None:
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    good = take_backup(db.path, data_dir / BACKUP_DIRNAME, now=datetime(2026, 1, 1))
    db.close()
    broken_backup = take_backup(database_path(data_dir), data_dir / BACKUP_DIRNAME, now=datetime(2026, 2, 1))
    broken_backup.path.write_bytes(b"\0" * 4096)  # the newest backup is itself bad: skip it
    path = database_path(data_dir)
    raw = bytearray(path.read_bytes())
    raw[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(raw))
    damaged = bytes(raw)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_as_command(data_dir)
    assert caught.value.newest_backup == good.path
    assert caught.value.moved_to.read_bytes() == damaged, "the damaged file is kept, byte for byte"
    restore_backup(good.path, path, data_dir / BACKUP_DIRNAME)
    db = open_as_command(data_dir)
    try:
        assert [t.name for t in list_teachers(db)] == ["甲老师"]
    finally:
        db.close()


def test_cli_backup_to_a_stick_and_restore(tmp_path: Path) -> None:
    data, stick = tmp_path / "d", tmp_path / "usb"
    demo_folder(data)
    unplugged = run_cli("backup", "--data-dir", str(data), "--out", str(stick))
    assert unplugged.returncode == 2 and "U盘" in unplugged.stderr and not stick.exists()  # never created
    stick.mkdir()
    done = run_cli("backup", "--data-dir", str(data), "--out", str(stick))
    assert done.returncode == 0, done.stderr
    assert "SHA-256" in done.stdout
    [copy] = list(stick.glob("schooldesk-*-manual.sqlite3"))
    assert integrity_ok(copy)
    restored = run_cli("restore", str(copy), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    assert "已恢复" in restored.stdout
    assert list((data / BACKUP_DIRNAME).glob("schooldesk-*-pre-restore.sqlite3"))
    bad = run_cli("restore", str(tmp_path / "missing.sqlite3"), "--data-dir", str(data))
    assert bad.returncode == 2 and "未做任何修改" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_backup_to_an_unwritable_place(tmp_path: Path) -> None:
    data = tmp_path / "d"
    demo_folder(data)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    done = run_cli("backup", "--data-dir", str(data), "--out", str(blocker))
    assert done.returncode == 2
    assert "备份无法写入" in done.stderr and "Traceback" not in done.stderr


def test_a_busy_database_is_never_taken_for_a_damaged_one(data_dir: Path) -> None:
    import sqlite3

    from schooldesk.domain.errors import StorageError

    open_as_command(data_dir).close()
    path = database_path(data_dir)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="busy"):
            open_as_command(data_dir)
        assert path.exists() and not list(data_dir.glob("*.damaged-*"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_photos_go_into_backups_and_come_back_on_restore(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A USB backup holds the photos its database refers to; restoring it on a PC that lost them brings them back."""
    import shutil
    from datetime import date

    from schooldesk.db.backups import sha256, take_backup
    from schooldesk.db.restore import restore_backup
    from schooldesk.db.database import BACKUP_DIRNAME
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.services.home_teaching import add_plan, add_visit, list_visits
    from tests.builders import photo, plan_input, visit_input

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, SemesterKey(2025, 1), plan_input(teachers))
    visit = add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), new_photos=(photo(tmp_path / "a.jpg"),)))
    stored = visit.photos[0].path
    usb = tmp_path / "usb"
    info = take_backup(db.path, usb, reason="usb")
    assert info.photos == 1
    copy = usb / "photos" / stored.parent.name / stored.name
    assert sha256(copy) == stored.stem  # verified by its name
    data_dir = db.path.parent
    db.close()
    shutil.rmtree(data_dir / "photos")  # the office PC lost its photo folder
    restore_backup(info.path, db.path, data_dir / BACKUP_DIRNAME)
    reopened = open_as_command(data_dir)
    try:
        [back] = list_visits(reopened, plan.id)
        assert back.photos[0].path.is_file() and sha256(back.photos[0].path) == stored.stem
    finally:
        reopened.close()


@pytest.mark.parametrize("damage", ["truncated", "header overwritten"])
def test_a_truncated_or_overwritten_database_is_moved_aside_not_overwritten(data_dir: Path, damage: str) -> None:
    db = open_as_command(data_dir)
    for number in range(200):  # enough rows that the file spans many pages
        add_teacher(db, TeacherInput(name=f"教师{number}", gender="女"))
    take_backup(db.path, data_dir / BACKUP_DIRNAME, now=datetime(2026, 1, 1))
    db.close()
    path = database_path(data_dir)
    raw = path.read_bytes()
    broken = raw[: len(raw) // 3] if damage == "truncated" else os.urandom(100) + raw[100:]
    path.write_bytes(broken)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_as_command(data_dir)
    assert caught.value.moved_to.read_bytes() == broken and caught.value.newest_backup is not None
    assert not path.exists(), "nothing new was created in its place before the user chose"
