"""What the commands say when the folder, the file or the pipe is not what they expect: plain words, no traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schooldesk.db.database import database_path
from tests.builders import run_cli

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _plain(done: subprocess.CompletedProcess[str]) -> None:
    both = done.stdout + done.stderr
    assert "Traceback" not in both and "%1" not in both and "意外错误" not in both, both
    assert "refused:" not in both and "command " not in both  # no log line on the console


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "d"
    assert run_cli("demo", "--data-dir", str(folder)).returncode == 0
    return folder


def test_selftest_on_a_file_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = run_cli("selftest", "--data-dir", str(blocker))
    assert done.returncode == 3 and "selftest: FAILED" in done.stdout
    _plain(done)


def test_a_missing_folder_is_said_once_in_the_users_language(tmp_path: Path) -> None:
    done = run_cli("check", "--data-dir", str(tmp_path / "nowhere"))
    assert done.returncode == 2 and done.stderr.strip().endswith("处没有 SchoolDesk 数据库。")
    _plain(done)


def test_check_names_an_empty_file_and_an_old_schema(tmp_path: Path) -> None:
    from schooldesk.db.database import make_engine
    from schooldesk.db.migrate import run_alembic

    empty = tmp_path / "empty"
    empty.mkdir()
    database_path(empty).write_bytes(b"")
    done = run_cli("check", "--data-dir", str(empty))
    assert done.returncode == 2 and "0 字节" in done.stderr and database_path(empty).stat().st_size == 0
    _plain(done)
    old = tmp_path / "old"
    old.mkdir()
    engine = make_engine(database_path(old))
    run_alembic(engine, "20261124_0004")
    engine.dispose()
    done = run_cli("check", "--data-dir", str(old))
    assert done.returncode == 1 and "20261124_0004" in done.stdout and "升级" in done.stdout
    _plain(done)


def test_a_closed_pipe_is_not_an_error(demo: Path) -> None:
    backup = subprocess.Popen([sys.executable, "-m", "schooldesk", "backup", "--data-dir", str(demo)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    assert backup.stdout is not None and backup.stderr is not None
    first = backup.stdout.readline()
    backup.stdout.close()  # `| head -1`
    errors = backup.stderr.read()
    assert backup.wait(timeout=60) == 0 and "备份" in first and errors == ""


@pytest.fixture
def read_only_copy(demo: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The demo database on a read-only file system (a write-protected stick); needs root to mount."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("mounting a file system needs root")
    try:
        shutil.copyfile(database_path(demo), database_path(mount))
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_check_reads_a_database_on_read_only_media(read_only_copy: Path) -> None:
    done = run_cli("check", "--data-dir", str(read_only_copy))
    assert done.returncode == 0 and "数据库状态良好" in done.stdout, done.stderr
    _plain(done)


def test_restore_into_a_read_only_folder_says_it_is_read_only(read_only_copy: Path, demo: Path) -> None:
    [backup] = sorted((demo / "backups").glob("*.sqlite3"))[:1] or [None]
    done = run_cli("restore", str(backup or database_path(demo)), "--data-dir", str(read_only_copy))
    assert done.returncode == 2 and "只读" in done.stderr and "正在使用" not in done.stderr
    _plain(done)
