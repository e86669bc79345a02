"""Kill -9 a process that is saving records, many times: the file stays sound and nothing committed is lost."""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schooldesk.db.database import database_path
from tests.builders import open_as_command

KILLS = 200 if sys.platform != "win32" else 40  # a Windows process starts in about a second under Wine
WRITER = Path(__file__).with_name("crash_writer.py")


class Writers:
    """Writers to kill, each in its own process. On POSIX they are forked from one process that imported
    SchoolDesk once (a kill then costs milliseconds, not a Python start-up: 200 kills fit a busy CI machine with
    room to spare); on Windows each is a new process. Either way the writer opens the database itself, writes
    through the real service and is killed with SIGKILL (TerminateProcess on Windows, as Task Manager does)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.server: subprocess.Popen[str] | None = None
        if hasattr(os, "fork"):
            self.server = subprocess.Popen([sys.executable, str(WRITER), str(folder), "--forks"], env=self.env,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert self.server.stdout is not None and self.server.stdout.readline().strip() == "serving"

    def kill_one(self, prefix: str, after: float) -> list[str]:
        """Start a writer, let it write for *after* seconds once ready, kill it; what it printed."""
        if self.server is None:
            writer = subprocess.Popen([sys.executable, str(WRITER), str(self.folder), prefix],
                                      stdout=subprocess.PIPE, text=True, env=self.env)
            assert writer.stdout is not None and writer.stdout.readline().startswith("ready")
            time.sleep(after)
            writer.kill()
            output, _ = writer.communicate(timeout=30)
            return output.split()
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(prefix + "\n")
        self.server.stdin.flush()
        ready = self.server.stdout.readline().split()
        assert ready[0] == "ready", ready
        time.sleep(after)
        os.kill(int(ready[1]), signal.SIGKILL)
        lines = []
        while (line := self.server.stdout.readline().strip()) != "gone":
            assert line, "the writers' server ended"
            lines.append(line)
        return lines

    def close(self) -> None:
        if self.server is not None:
            self.server.communicate("\n", timeout=30)


def test_sigkill_while_saving_loses_nothing_committed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_as_command(data_dir).close()  # migrate once, so every kill lands in the writing loop
    rng = random.Random(11)
    committed: set[int] = set()
    started = time.monotonic()
    writers = Writers(data_dir)
    try:
        for kill in range(KILLS):
            output = writers.kill_one(f"k{kill}", rng.uniform(0.0, 0.06))
            committed.update(int(line) for line in output if line.isdigit())
            with sqlite3.connect(database_path(data_dir)) as conn:  # opening recovers the WAL like the app does
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"after kill {kill + 1}"
                stored = {row[0] for row in conn.execute("SELECT id FROM teacher")}
            conn.close()
            missing = committed - stored
            assert not missing, f"after kill {kill + 1}: committed ids lost: {sorted(missing)[:5]}"
    finally:
        writers.close()
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\ncrash safety: {KILLS} kills survived, {len(committed)} committed records checked, "
              f"{len(stored)} stored, {elapsed:.0f} s")
    assert len(committed) > KILLS, "the writer must really have been writing when killed"


RESTORES = 60 if sys.platform != "win32" else 20
RESTORER = Path(__file__).with_name("crash_restorer.py")


class Restorers:
    """Restores to kill, started as the writers are: forked from one process that imported SchoolDesk once
    (POSIX), else a new process each (Windows). Each restores through the real code and is killed with SIGKILL
    (TerminateProcess on Windows)."""

    def __init__(self, backup: Path, folder: Path) -> None:
        self.command = [sys.executable, str(RESTORER), str(backup), str(folder)]
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.server: subprocess.Popen[str] | None = None
        self.process: subprocess.Popen[str] | None = None
        self.pid = 0
        if hasattr(os, "fork"):
            self.server = subprocess.Popen([*self.command, "--forks"], env=self.env, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True)
            assert self.server.stdout is not None and self.server.stdout.readline().strip() == "serving"

    def start(self) -> None:
        """A restore begun; returns once it is about to swap."""
        if self.server is None:
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, text=True, env=self.env)
            assert self.process.stdout is not None
            ready = self.process.stdout.readline().split()
        else:
            assert self.server.stdin is not None and self.server.stdout is not None
            self.server.stdin.write("go\n")
            self.server.stdin.flush()
            ready = self.server.stdout.readline().split()
        assert ready[0] == "ready", ready
        self.pid = int(ready[1])

    def wait(self) -> list[str]:
        """What the restore said after "ready", once it has ended (finished or killed)."""
        if self.server is None:
            assert self.process is not None
            output, _ = self.process.communicate(timeout=30)
            return output.split()
        assert self.server.stdout is not None
        lines = []
        while (line := self.server.stdout.readline().strip()) != "gone":
            assert line, "the restorers' server ended"
            lines.append(line)
        return lines

    def kill(self) -> None:
        if self.server is None:
            assert self.process is not None
            self.process.kill()
        else:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it had finished, and the server reaped it: its "done" and "gone" are still to read
        self.wait()

    def close(self) -> None:
        if self.server is not None:
            self.server.communicate("\n", timeout=30)


def test_sigkill_during_restore_leaves_the_database_before_or_after(data_dir: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The database before holds 400 teachers, 150 of them only in its WAL; the backup holds 1,000. Killed at
    any moment, a restore leaves a sound file with 400 or 1,000: never fewer (older than both)."""
    from schooldesk.db.backups import take_backup
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher

    db = open_as_command(data_dir)
    for number in range(1000):
        add_teacher(db, TeacherInput(name=f"备份-{number}", gender="男", subjects="语文" * 20))
    backup = take_backup(db.path, tmp_path / "stick").path
    db.close()
    path = database_path(data_dir)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM teacher WHERE id > 250")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the last 150 stay in the WAL, as after a busy day
    for number in range(150):
        writer.execute("INSERT INTO teacher (name, gender, subjects, title, phone, active) "
                       "VALUES (?, '男', '', '', '', 1)", (f"当天-{number}",))
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", pristine / f"db{suffix}")
    writer.close()

    def start_restore() -> None:
        for leftover in list(data_dir.iterdir()):
            if leftover.is_file():
                leftover.unlink()
        shutil.rmtree(data_dir / "backups", ignore_errors=True)
        for suffix in ("", "-wal"):
            shutil.copyfile(pristine / f"db{suffix}", f"{path}{suffix}")
        restorers.start()

    restorers = Restorers(backup, data_dir)
    try:
        # How long a whole restore takes on this machine (a Windows PC, Wine on a busy CI runner, a fast Linux
        # box): the kills are spread over a little more than that, so they land both before and after the swap.
        start_restore()
        started = time.monotonic()
        assert restorers.wait() == ["done"]
        whole = time.monotonic() - started
        rng = random.Random(5)
        seen: dict[int, int] = {}
        for trial in range(RESTORES):
            start_restore()
            time.sleep(rng.uniform(0.0, 1.5 * whole))
            restorers.kill()
            with sqlite3.connect(path) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"after kill {trial + 1}"
                count = conn.execute("SELECT count(*) FROM teacher").fetchone()[0]
            conn.close()
            assert count in (400, 1000), f"after kill {trial + 1}: {count} teachers"
            seen[count] = seen.get(count, 0) + 1
    finally:
        restorers.close()
    with capsys.disabled():
        print(f"\nrestore killed {RESTORES} times over {1.5 * whole:.2f} s: "
              f"before {seen.get(400, 0)}, after {seen.get(1000, 0)}")
    assert len(seen) == 2, "the kills must land both before and after the swap"
