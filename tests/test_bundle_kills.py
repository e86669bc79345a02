"""A re-export killed at any moment: the bundle's final name holds a whole bundle or nothing, the next export
puts things right, and nothing of the children's data is left in the system's temp folder."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from schooldesk.db.scratch import SCRATCH_DIRNAME
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle_writing import resolve_left, verify_bundle, write_bundle
from schooldesk.services.bundle import bundle_contents
from schooldesk.services.home_teaching import add_plan, add_visit
from tests.builders import open_as_command, photo, plan_input, visit_input

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 20)
KILLS = 12 if sys.platform != "win32" else 5  # an export starts in seconds under Wine
PERSONAL = (".xlsx", ".pdf", ".jpg", ".pickle", ".txt", ".json", ".sqlite3")
ROOT = Path(__file__).resolve().parent.parent


class Exports:
    """Exports to kill. On POSIX they are forked from one process that imported SchoolDesk once
    (tests/command_forks.py): a kill lands in the export's work, not in Python's start-up. On Windows each is
    `python -m schooldesk`, ended with TerminateProcess as Task Manager does."""

    def __init__(self, env: dict[str, str], outputs: Path) -> None:
        self.env, self.outputs = env, outputs
        outputs.mkdir()
        self.server: subprocess.Popen[str] | None = None
        self.process: subprocess.Popen[str] | None = None
        self.pid, self.count = 0, 0
        if hasattr(os, "fork"):
            self.server = subprocess.Popen([sys.executable, "-m", "tests.command_forks"], cwd=ROOT, env=env,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert self.server.stdout is not None and self.server.stdout.readline().strip() == "serving"

    def start(self, arguments: list[str]) -> None:
        self.count += 1
        if self.server is None:
            self.process = subprocess.Popen([sys.executable, "-m", "schooldesk", *arguments], env=self.env,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            return
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(json.dumps([arguments, str(self.outputs / f"{self.count}.log")]) + "\n")
        self.server.stdin.flush()
        started = self.server.stdout.readline().split()
        assert started[0] == "started", started
        self.pid = int(started[1])

    def kill(self) -> None:
        if self.server is None:
            assert self.process is not None
            self.process.kill()
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had finished and was reaped: its "ended" line is still to read

    def wait(self) -> tuple[int, str]:
        """How the export ended (its exit code; negative: killed) and what it said."""
        if self.server is None:
            assert self.process is not None
            output, errors = self.process.communicate(timeout=300)
            return self.process.returncode, output + errors
        assert self.server.stdout is not None
        ended = self.server.stdout.readline().split()
        assert ended[0] == "ended", ended
        return int(ended[1]), (self.outputs / f"{self.count}.log").read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        if self.server is not None:
            self.server.communicate("\n", timeout=60)


@pytest.fixture
def school(home, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The 送教上门 child with two visits, one with a photo."""
    db, child, teachers, _number = home
    plan = add_plan(db, child, AUTUMN, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), new_photos=(photo(tmp_path / "v.jpg"),)), today=TODAY)
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 22)), today=TODAY)
    return db


def test_a_kill_between_the_two_renames_is_put_right_by_the_next_start(school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "stick"
    out.mkdir()
    contents = bundle_contents(school, AUTUMN, today=TODAY)
    for as_zip in (False, True):
        final = write_bundle(contents, out, as_zip=as_zip, data_folder=school.path.parent).path
        aside, partial = final.with_name(final.name + ".old"), final.with_name(final.name + ".partial")
        # killed after the earlier bundle moved aside, before the new one moved in: the name holds nothing
        os.replace(final, aside)
        partial.mkdir() if not as_zip else partial.write_bytes(b"PK\x03\x04 half")
        assert not final.exists()
        resolve_left(final)  # what every export does first
        assert verify_bundle(final).intact and not aside.exists() and not partial.exists()
        # killed after the new one moved in, before the earlier one was removed
        shutil.copytree(final, aside) if not as_zip else shutil.copyfile(final, aside)
        again = write_bundle(contents, out, as_zip=as_zip, data_folder=school.path.parent)
        assert verify_bundle(again.path).intact and not aside.exists() and not partial.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([final.name, final.name.removesuffix(".zip")])
    assert not any((school.path.parent / SCRATCH_DIRNAME).iterdir())  # each export removed its own staging


def test_an_export_of_either_form_clears_what_a_killed_export_of_the_other_left(school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "stick"
    out.mkdir()
    contents = bundle_contents(school, AUTUMN, today=TODAY)
    folder = write_bundle(contents, out, data_folder=school.path.parent).path
    # a folder export killed while copying, then the clerk exports a zip instead
    (folder.with_name(folder.name + ".partial") / "照片").mkdir(parents=True)
    zipped = write_bundle(contents, out, as_zip=True, data_folder=school.path.parent).path
    # a zip export killed while copying, then a folder export
    zipped.with_name(zipped.name + ".partial").write_bytes(b"PK\x03\x04 half")
    write_bundle(contents, out, data_folder=school.path.parent)
    assert sorted(p.name for p in out.iterdir()) == sorted([folder.name, zipped.name])
    assert verify_bundle(folder).intact and verify_bundle(zipped).intact


def test_exports_killed_at_random_moments_leave_a_whole_bundle_or_none_and_nothing_in_temp(school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = school.path.parent
    school.close()
    out, system_temp = tmp_path / "stick", tmp_path / "system-temp"
    out.mkdir()
    system_temp.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(system_temp), "TEMP": str(system_temp),
           "TMP": str(system_temp)}

    def export(as_zip: bool) -> None:
        exports.start(["--data-dir", str(data), "export", "--semester", "2025-2026-1", "--out", str(out),
                       "--workers", "1", *(["--zip"] if as_zip else [])])

    exports = Exports(env, tmp_path / "outputs")
    try:
        started = time.monotonic()
        export(False)
        code, said = exports.wait()
        assert code == 0, said
        took = time.monotonic() - started
        final = next(p for p in out.iterdir())
        rng = random.Random(33)
        outcomes = []
        for kill in range(KILLS):
            export(kill % 2 == 1)
            time.sleep(rng.uniform(0.1, took * 1.1))
            exports.kill()
            outcomes.append(exports.wait()[0])
            for name in (final.name, final.name + ".zip"):
                if (out / name).exists():  # the final name: a whole bundle, or nothing at all
                    assert verify_bundle(out / name).intact, f"kill {kill + 1}: {name}"
            left = [p for p in system_temp.rglob("*") if p.suffix.lower() in PERSONAL]
            assert not left, f"kill {kill + 1}: {left[:3]}"
        export(True)
        code, said = exports.wait()
        assert code == 0, said
    finally:
        exports.close()
    assert sorted(p.name for p in out.iterdir()) == sorted([final.name, final.name + ".zip"])  # no .old, no .partial
    assert verify_bundle(out / final.name).intact and verify_bundle(out / (final.name + ".zip")).intact
    left = sorted(p.relative_to(data).as_posix() for p in (data / SCRATCH_DIRNAME).rglob("*"))
    assert not left, left[:10]  # what the killed ones staged is gone too
    assert any(code != 0 for code in outcomes)  # some kills did land during the work


def test_a_killed_exports_pdf_worker_ends_with_it(tmp_path: Path) -> None:
    """Killed (Task Manager, a power button held), an export cannot stop its PDF workers: each ends by
    itself the moment its export is gone, instead of writing on into a scratch folder the next export clears."""
    pages = tmp_path / "pages.txt"
    export = subprocess.Popen([sys.executable, "-m", "tests.pool_orphan", str(pages)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert export.stdout is not None and export.stdout.readline().strip() == "working"
    finally:
        export.kill()  # SIGKILL; TerminateProcess on Windows
        export.wait(timeout=60)
        export.stdout.close()  # type: ignore[union-attr]  # not read to its end: a live worker holds it open
    time.sleep(3)
    written = pages.stat().st_size
    time.sleep(1.5)
    assert pages.stat().st_size == written  # the worker writes nothing more once the export is gone


def test_the_seal_tells_the_schools_bundle_from_one_edited_afterwards(school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file changed together with its manifest entry, a file removed with its entry, a seal removed: each
    verifies as intact by the hashes alone, and the school's seal finds them on the school's PC."""
    import hashlib
    import json

    from sqlalchemy import select

    from schooldesk.db.models import AuditEntry
    from tests.builders import run_cli

    data = school.path.parent
    with school.transaction() as session:
        trail_before = session.scalars(select(AuditEntry)).all()
    school.close()
    out = tmp_path / "stick"
    out.mkdir()
    done = run_cli("--data-dir", str(data), "export", "--semester", "2025-2026-1", "--out", str(out))
    assert done.returncode == 0, done.stderr
    bundle = next(out.iterdir())
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seal"]["method"] == "HMAC-SHA256" and len(manifest["seal"]["value"]) == 64
    elsewhere = str(tmp_path / "bureau")  # a PC without the school's data
    ok = run_cli("--data-dir", str(data), "verify", str(bundle))
    assert ok.returncode == 0 and "封存有效" in ok.stdout, ok.stdout + ok.stderr
    assert "未核对封存" in run_cli("--data-dir", elsewhere, "verify", str(bundle)).stdout

    def edited(name: str, change) -> Path:  # type: ignore[no-untyped-def]
        copy = tmp_path / name / bundle.name
        shutil.copytree(bundle, copy)
        listed = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
        change(copy, listed)
        (copy / "manifest.json").write_text(json.dumps(listed, ensure_ascii=False), encoding="utf-8")
        return copy

    def rewrite_listing(copy: Path, listed: dict) -> None:  # type: ignore[type-arg]
        target = copy / "清单.txt"
        target.write_text("一份改过的清单\r\n", encoding="utf-8-sig")
        entry = next(f for f in listed["files"] if f["path"] == "清单.txt")
        entry["size"], entry["sha256"] = target.stat().st_size, hashlib.sha256(target.read_bytes()).hexdigest()

    def drop_workbook(copy: Path, listed: dict) -> None:  # type: ignore[type-arg]
        (copy / "送教上门.xlsx").unlink()
        listed["files"] = [f for f in listed["files"] if f["path"] != "送教上门.xlsx"]

    for copy in (edited("changed", rewrite_listing), edited("removed", drop_workbook),
                 edited("unsealed", lambda _copy, listed: listed.pop("seal"))):
        assert verify_bundle(copy).intact  # the hashes alone cannot tell
        found = run_cli("--data-dir", str(data), "verify", str(copy))
        assert found.returncode == 1 and "封存不符" in found.stdout, (copy.parent.name, found.stdout)
    from schooldesk.services.bundle_seal import read_seal_key

    reopened = open_as_command(data)
    try:
        key, _code = read_seal_key(reopened)
        with reopened.transaction() as session:
            trail = session.scalars(select(AuditEntry)).all()
        assert key is not None and len(trail) > len(trail_before)
        assert not [e for e in trail if key.hex() in json.dumps(e.changes, ensure_ascii=False)]  # not in the trail
    finally:
        reopened.close()
