"""The command line as scripts use it: real subprocesses, real data folders."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from schooldesk.db.database import database_path
from schooldesk.db.schema import HEAD_REVISION
from tests.builders import demo_folder, run_cli


def test_init_check_and_refusing_a_second_init(tmp_path: Path) -> None:
    password = tmp_path / "pw.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    data = str(tmp_path / "d")
    done = run_cli("init", "--school-name", "石桥村小学", "--school-code", "2141051203", "--year", "2025",
               "--admin", "office", "--password-file", str(password), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert "石桥村小学" in done.stdout
    check = run_cli("check", "--data-dir", data)
    assert check.returncode == 0, check.stderr
    assert "数据库状态良好" in check.stdout and HEAD_REVISION in check.stdout
    again = run_cli("init", "--school-name", "别的学校", "--school-code", "2141051203", "--year", "2025",
                "--admin", "x", "--password-file", str(password), "--data-dir", data)
    assert again.returncode == 2
    assert "此数据文件夹中已有学校" in again.stderr and "Traceback" not in again.stderr


def test_init_reports_a_bad_school_code_in_chinese(tmp_path: Path) -> None:
    password = tmp_path / "pw.txt"
    password.write_text("s3cret-pass", encoding="utf-8")
    done = run_cli("init", "--school-name", "石桥村小学", "--school-code", "12345", "--year", "2025",
               "--admin", "office", "--password-file", str(password), "--data-dir", str(tmp_path / "d"))
    assert done.returncode == 2
    assert "学校标识码应为 10 位数字" in done.stderr and "Traceback" not in done.stderr


def test_init_with_a_missing_password_file(tmp_path: Path) -> None:
    done = run_cli("init", "--school-name", "x", "--school-code", "2141051203", "--year", "2025",
               "--admin", "office", "--password-file", str(tmp_path / "nope.txt"), "--data-dir", str(tmp_path / "d"))
    assert done.returncode == 2
    assert "无法读取密码文件" in done.stderr and "Traceback" not in done.stderr


def test_demo_then_check_in_english(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    demo = run_cli("demo", "--data-dir", data)
    assert demo.returncode == 0, demo.stderr
    assert "青山镇中心小学" in demo.stdout
    check = run_cli("--lang", "en", "check", "--data-dir", data)
    assert check.returncode == 0
    assert "The database is healthy." in check.stdout
    assert "teachers: 24" in check.stdout


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    data = tmp_path / "from-env"
    assert run_cli("demo", env={"SCHOOLDESK_DATA_DIR": str(data)}).returncode == 0
    assert database_path(data).is_file()


@pytest.mark.parametrize("damage", ["truncate", "overwrite"])
def test_check_on_a_damaged_database(tmp_path: Path, damage: str) -> None:
    data = demo_folder(tmp_path / "d")
    path = database_path(data)
    raw = bytearray(path.read_bytes())
    if damage == "truncate":
        path.write_bytes(bytes(raw[: len(raw) // 3]))
    else:
        raw[0:4096] = os.urandom(4096)  # the header page
        path.write_bytes(bytes(raw))
    before = path.read_bytes()
    check = run_cli("check", "--data-dir", str(data))
    assert check.returncode != 0
    assert "Traceback" not in check.stderr
    assert ("已损坏" in check.stderr) or ("数据库有问题" in check.stderr)
    assert path.read_bytes() == before, "check never writes to a damaged file"


def test_check_without_a_database(tmp_path: Path) -> None:
    check = run_cli("check", "--data-dir", str(tmp_path / "empty"))
    assert check.returncode == 2
    assert "没有 SchoolDesk 数据库" in check.stderr


def test_selftest(tmp_path: Path) -> None:
    done = run_cli("selftest", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "selftest: ok" in done.stdout
    assert list(tmp_path.iterdir()) == [], "selftest cleans up its temporary folder"


def test_bad_arguments_exit_2_in_chinese() -> None:
    done = run_cli("frobnicate")
    assert done.returncode == 2
    assert "命令行错误" in done.stderr and "Traceback" not in done.stderr
