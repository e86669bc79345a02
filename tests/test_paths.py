"""Folders as schools name them: Chinese, spaces, # and % in a data folder, a backup and a stick; the stick on
another drive letter (Windows); a path longer than Windows' old 260 characters. Each a real command run."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text

from schooldesk.db.database import database_path
from schooldesk.db.engine import make_engine
from schooldesk.exports.bundle_writing import verify_bundle
from tests.builders import demo_folder, run_cli
from tests.windows import WINDOWS, lane_stick, windows_only

AWKWARD = "学校 资料 #1 %20 50%"


def _stick(tmp_path: Path, name: str) -> Path:
    """A folder on the stick: on Windows the lane's E: (another drive than the data folder's C:)."""
    root = lane_stick("usb") if WINDOWS else tmp_path / "U盘"
    folder = root / f"{tmp_path.name} {name}"
    shutil.rmtree(folder, ignore_errors=True)  # an earlier run's, on the lane's stick
    folder.mkdir(parents=True)
    return folder


def test_a_data_folder_a_backup_and_a_stick_named_with_hash_and_percent(tmp_path: Path) -> None:
    data = tmp_path / AWKWARD / "数据"
    stick = _stick(tmp_path, AWKWARD)
    assert run_cli("demo", "--data-dir", str(data)).returncode == 0
    assert sorted(p.name for p in data.iterdir()) >= ["backups", "schooldesk.sqlite3"]  # that folder, not a cut one
    assert not (tmp_path / "学校 资料 ").exists()
    checked = run_cli("check", "--data-dir", str(data))
    assert checked.returncode == 0 and "数据库状态良好" in checked.stdout, checked.stderr
    backed_up = run_cli("backup", "--out", str(stick), "--data-dir", str(data))
    assert backed_up.returncode == 0, backed_up.stderr
    [backup] = list(stick.glob("schooldesk-*.sqlite3"))
    restored = run_cli("restore", str(backup), "--data-dir", str(data))
    assert restored.returncode == 0, restored.stderr
    exported = run_cli("export", "--out", str(stick), "--json", "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    [bundle] = list(stick.glob("*报送材料"))
    assert verify_bundle(bundle).intact
    assert run_cli("verify", str(bundle)).returncode == 0
    assert len(json.loads(exported.stdout)["files"]) > 10


def test_a_read_only_database_opens_the_file_named_not_an_empty_one(tmp_path: Path) -> None:
    """A SQLite URI built from a raw path read "#1" as a fragment and opened a new, empty database."""
    folder = tmp_path / AWKWARD
    folder.mkdir()
    path = folder / "schooldesk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE school (name TEXT)")
        conn.execute("INSERT INTO school VALUES ('石桥村小学')")
    conn.close()
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM school")).scalar() == "石桥村小学"
    finally:
        engine.dispose()
    assert sorted(p.name for p in folder.iterdir()) == ["schooldesk.sqlite3"]


def test_a_stick_path_longer_than_260_characters(tmp_path: Path) -> None:
    data = demo_folder(tmp_path / "数据")
    deep = _stick(tmp_path, "深")
    number = 0
    while len(str(deep)) < 270:  # (under 512 bytes: Linux's SQLite refuses longer paths; Windows' does not)
        deep = deep / f"第{number}层 folder with a long name {number}"
        number += 1
    deep.mkdir(parents=True)
    assert 260 < len(str(deep)) and len(str(deep).encode()) < 400, len(str(deep))
    exported = run_cli("export", "--out", str(deep), "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    [bundle] = list(deep.iterdir())
    assert len(str(next(p for p in bundle.rglob("*.pdf")))) > 280 and verify_bundle(bundle).intact
    backed_up = run_cli("backup", "--out", str(deep), "--data-dir", str(data))
    assert backed_up.returncode == 0, backed_up.stderr
    assert run_cli("restore", str(next(deep.glob("schooldesk-*.sqlite3"))), "--data-dir", str(data)).returncode == 0
    assert database_path(data).is_file()


@windows_only
def test_the_root_of_a_freshly_formatted_stick_takes_backups_and_a_bundle(tmp_path: Path) -> None:
    """Windows lists nothing, not even ".", in an empty drive root, and glob/iterdir raise FileNotFoundError there."""
    import os

    root = lane_stick("empty")
    for name in os.listdir(root):  # what an earlier run left
        shutil.rmtree(root / name) if (root / name).is_dir() else (root / name).unlink()
    data = demo_folder(tmp_path / "数据")
    try:
        backed_up = run_cli("backup", "--out", str(root), "--data-dir", str(data))
        assert backed_up.returncode == 0, backed_up.stderr
        for name in os.listdir(root):  # empty again: the backup's own listing of the root must cope
            shutil.rmtree(root / name) if (root / name).is_dir() else (root / name).unlink()
        exported = run_cli("export", "--out", str(root), "--data-dir", str(data))
        assert exported.returncode == 0, exported.stderr
        [bundle] = [root / name for name in os.listdir(root) if name.endswith("报送材料")]
        assert verify_bundle(bundle).intact
    finally:
        for name in os.listdir(root):
            shutil.rmtree(root / name) if (root / name).is_dir() else (root / name).unlink()
