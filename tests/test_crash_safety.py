"""Kill -9 a process that is saving records, many times: the file stays sound and nothing committed is lost."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schooldesk.db.database import database_path, open_database

KILLS = 200
WRITER = Path(__file__).with_name("crash_writer.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_while_saving_loses_nothing_committed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(data_dir).close()  # migrate once, so every kill lands in the writing loop
    rng = random.Random(11)
    committed: set[int] = set()
    started = time.monotonic()
    for kill in range(KILLS):
        writer = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), f"k{kill}"],
                                  stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.06))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        committed.update(int(line) for line in output.split() if line.isdigit())
        with sqlite3.connect(database_path(data_dir)) as conn:  # opening recovers the WAL like the app does
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"after kill {kill + 1}"
            stored = {row[0] for row in conn.execute("SELECT id FROM teacher")}
        conn.close()
        missing = committed - stored
        assert not missing, f"after kill {kill + 1}: committed ids lost: {sorted(missing)[:5]}"
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\ncrash safety: {KILLS} kills survived, {len(committed)} committed records checked, "
              f"{len(stored)} stored, {elapsed:.0f} s")
    assert len(committed) > KILLS, "the writer must really have been writing when killed"
