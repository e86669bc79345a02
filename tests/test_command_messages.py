"""What the commands say when the folder, the file or the pipe is not what they expect: plain words, no traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schooldesk.db.database import database_path
from tests.builders import demo_folder, run_cli
from tests.windows import WINDOWS, lane_stick

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _plain(done: subprocess.CompletedProcess[str]) -> None:
    both = done.stdout + done.stderr
    assert "Traceback" not in both and "%1" not in both and "意外错误" not in both, both
    assert "refused:" not in both and "command " not in both  # no log line on the console


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "d"
    return demo_folder(folder)


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
    if WINDOWS:  # the lane's write-protected stick F:, filled through the folder behind it
        protected, backing = lane_stick("read-only"), Path(os.environ["SCHOOLDESK_TEST_READONLY_BACKING"])
        (backing / tmp_path.name).mkdir(exist_ok=True)
        shutil.copyfile(database_path(demo), database_path(backing / tmp_path.name))
        yield protected / tmp_path.name
        shutil.rmtree(backing / tmp_path.name, ignore_errors=True)
        return
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


CONSOLE_CHILD = """
import sys
from schooldesk.cli import build_parser, main

commands = next(a for a in build_parser()._actions if a.dest == "command").choices
runs = [["--help"]] + [[name, "--help"] for name in commands] + [
    ["check", "--data-dir", sys.argv[1]], ["observation-quotas", "--data-dir", sys.argv[1]],
    ["backup", "--data-dir", sys.argv[1]], ["verify", sys.argv[2]]]
for argv in runs:
    try:
        code = main(argv)
    except SystemExit as done:
        code = done.code
    print(f"<<{' '.join(argv[:2])} exit {code}>>", flush=True)
"""


@pytest.mark.parametrize("console", ["this PC's code page", "UTF-8", "an English Windows (1252)"])
def test_every_command_speaks_chinese_on_any_console(demo: Path, tmp_path: Path, console: str) -> None:
    """A pipe or a file gets the ANSI code page (936 on a Chinese Windows); a UTF-8 console; an English Windows's
    1252, which cannot hold Chinese, gets UTF-8 rather than a crash."""
    import locale

    stick = tmp_path / "usb"
    stick.mkdir()
    assert run_cli("export", "--out", str(stick), "--data-dir", str(demo)).returncode == 0
    [bundle] = list(stick.iterdir())
    forced = {"UTF-8": "utf-8", "an English Windows (1252)": "cp1252"}.get(console)
    env = {**ENV, **({"PYTHONIOENCODING": forced} if forced else {})}
    env.pop("PYTHONUTF8", None)
    done = subprocess.run([sys.executable, "-c", CONSOLE_CHILD, str(demo), str(bundle)], capture_output=True, env=env,
                          timeout=300)
    reads_as = "utf-8" if forced else locale.getpreferredencoding(False)
    text, errors = done.stdout.decode(reads_as), done.stderr.decode(reads_as)
    assert done.returncode == 0 and "Traceback" not in errors and "意外错误" not in errors, errors
    exits = [line for line in text.splitlines() if line.startswith("<<")]
    assert len(exits) > 20 and all(line.endswith(" exit 0>>") for line in exits), exits
    assert "学籍号" in text and "数据库状态良好" in text and "备份已写入并校验" in text and "完好" in text, text[-2000:]


def test_every_command_with_semester_refuses_a_term_not_set_up_plainly(home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--semester 2030-2031-1, a term the school never set up: the same plain message and exit 2 from every
    command that takes --semester (the parser says which ones), never an unexpected error."""
    from schooldesk.cli import build_parser

    db, _pupil, _teachers, number = home
    folder = str(db.path.parent)
    db.close()
    out = str(tmp_path / "out")
    lines = {
        "print-home-teaching": ["--student", number, "--out", out + ".pdf"],
        "print-activity": ["--summary", "--out", out + ".pdf"],
        "export": ["--out", str(tmp_path)],
        "export-register": ["all", "--out", out + ".xlsx"],
        "mentorship-progress": [],
        "print-mentorship": ["--pair", "1", "--record", "--out", out + ".pdf"],
        "print-observation": ["--blank", "--out", out + ".pdf"],
        "observation-quotas": [],
        "export-observations": ["--out", out + ".xlsx"],
        "catchment-report": ["--out", out + ".xlsx"],
        "draft-summary": ["--family", "dropout", "--out", out + ".docx"],
        "due-dates": [],
        "print-teacher": ["--teacher", "李春梅", "--json"],
    }
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    taking = {name for name, sub in commands.items() if any("--semester" in a.option_strings for a in sub._actions)}
    # a new command with --semester is added here too; county-merge's chooses among the bundles' semesters (a
    # receiver has no terms of its own: its refusal of other semesters is in test_county_merge.py)
    assert taking - {"county-merge"} == set(lines)
    for name, args in lines.items():
        done = run_cli("--data-dir", folder, name, "--semester", "2030-2031-1", *args)
        assert done.returncode == 2, (name, done.returncode, done.stderr)
        assert "2030—2031学年第一学期" in done.stderr and "尚未设置" in done.stderr, (name, done.stderr)
        assert "意外" not in done.stderr, (name, done.stderr)
