"""Benchmark: how fast SchoolDesk starts, as ratios against a bare PySide6 window timed in the same run.

Each figure is a fresh process (Python started, nothing cached in it), the median of several runs:
- floor: QApplication + QMainWindow with a table and three docks, shown;
- the sign-in window, on the demo school (the real start-up path: logging, lock, database check, launcher);
- the main window, signed in as soon as the database is open (the password check included), on the demo
  school: from the process start, and from pressing 登录;
- peak memory of that process at the main window (VmHWM);
- the same main window on a ten-year database (15,000 former pupils, 100,000 support records, 400,000
  audit entries, built here), from pressing 登录, against the demo school's time.
Targets (issue "daily use"): sign-in ≤ 3x, main window ≤ 5x, peak ≤ 150 MB, ten-year ≤ 1.3x the demo.

Run: .venv/bin/python bench/startup.py [--runs 5]
"""
from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the child's: what a clerk waits for

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"login": 3.0, "main": 5.0, "memory_mb": 150, "ten_year": 1.3}
FORMER, SUPPORT, AUDIT = 15_000, 100_000, 400_000


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry over from the parent; on Windows the
    peak working set)."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
                (name, ctypes.c_size_t) for name in ("PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                                                     "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                                                     "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]

        counters = Counters(cb=ctypes.sizeof(Counters))
        process = ctypes.windll.kernel32.GetCurrentProcess()  # type: ignore[attr-defined]
        ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb)  # type: ignore[attr-defined]
        return counters.PeakWorkingSetSize / 2**20
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def first_paint(widget):  # type: ignore[no-untyped-def]
    """A list that gets the time *widget* is first drawn: what the clerk sees, whatever work follows."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    for child in widget.findChildren(QObject):  # a window's own paint may come only through its children
        if child.isWidgetType():
            child.installEventFilter(watcher)
    return painted


def _until(app, ready) -> None:  # type: ignore[no-untyped-def]
    while not ready():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def child_bare() -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTableWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableWidget(20, 6))
    for area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                 Qt.DockWidgetArea.BottomDockWidgetArea):
        window.addDockWidget(area, QDockWidget("dock", window))
    window.resize(1280, 800)
    painted = first_paint(window)
    window.show()
    _until(app, lambda: bool(painted))
    return {"seconds": painted[0] - STARTED, "peak_mb": peak_mb()}


def child_app(folder: str, sign_in: bool) -> dict[str, float]:
    """What run_gui does (start_gui), up to the sign-in window — and, with *sign_in*, on to the main window."""
    from schooldesk.app import make_application, start_gui

    app = make_application("zh_CN")
    started = start_gui(Path(folder))
    assert started is not None
    _lock, launcher = started
    login = launcher.login
    assert login is not None
    painted = first_paint(login)
    _until(app, lambda: bool(painted))
    at_login = painted[0]
    result = {"login": at_login - STARTED}
    if not sign_in:
        return result | {"peak_mb": peak_mb()}
    from schooldesk.services.demo import DEMO_ADMIN, DEMO_PASSWORD

    login.username.setText(DEMO_ADMIN)
    login.password.setText(DEMO_PASSWORD)
    shown: list[list[float]] = []
    launcher.main_window_shown.connect(lambda window: shown.append(first_paint(window)))
    _until(app, login.sign_in_button.isEnabled)  # the database opens while the clerk types
    pressed = time.perf_counter()
    login.try_sign_in()
    _until(app, lambda: bool(shown) and bool(shown[0]))
    now = shown[0][0]
    return result | {"main": now - STARTED, "after_sign_in": now - pressed, "peak_mb": peak_mb()}


def run_child(*args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "0"}
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_demo(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "schooldesk", "--data-dir", str(folder), "demo"], check=True, cwd=ROOT,
                   capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def make_ten_years(folder: Path) -> None:
    """The demo school plus ten years of history: former pupils, support records, audit entries."""
    import random
    from datetime import date, datetime, timedelta

    from sqlalchemy import insert, select

    from schooldesk.db.audit import _append
    from schooldesk.db.database import open_database
    from schooldesk.services.access import command_line_rights
    from schooldesk.db.models import Pupil, SupportRecord, Teacher

    make_demo(folder)
    db = open_database(folder)
    db.actor = command_line_rights()  # it acts as a command would
    rng = random.Random(10)
    with db.transaction() as session:
        teachers = list(session.scalars(select(Teacher.id)))
        first = (session.scalar(select(Pupil.id).order_by(Pupil.id.desc()).limit(1)) or 0) + 1
        session.execute(insert(Pupil), [
            {"id": first + i, "name": f"往届生{i}", "name_keys": f"wjs{i} wangjiesheng{i}", "gender": "男女"[i % 2],
             "birth_date": date(2000 + i % 12, 1 + i % 12, 1 + i % 28), "ethnicity": "汉族", "id_type": "居民身份证",
             "id_number": None, "student_number": f"G{first + i:017d}", "status": "毕业",
             "status_date": date(2016 + i % 9, 7, 1)} for i in range(FORMER)])
        session.execute(insert(SupportRecord), [
            {"pupil_id": first + rng.randrange(FORMER), "date": date(2016, 9, 1) + timedelta(days=rng.randrange(3300)),
             "teacher_id": rng.choice(teachers), "kind": "学业辅导", "content": "讲解错题，布置练习", "outcome": "有进步"}
            for _ in range(SUPPORT)])
    start = datetime(2016, 9, 1, 8)
    for chunk in range(0, AUDIT, 50_000):
        with db.transaction() as session:
            _append(session, [
                {"at": start + timedelta(minutes=chunk + i), "username": "office1", "action": "update",
                 "table_name": "support_record", "record_id": str(1 + (chunk + i) % SUPPORT), "label": "往届生",
                 "changes": {"outcome": ["", "有进步"]}} for i in range(50_000)])
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_bare() if kind == "bare" else child_app(rest[0], sign_in=kind == "main")
        print(json.dumps(result))
        os._exit(0)  # the figures are out; closing windows and the database is not start-up
    with tempfile.TemporaryDirectory(prefix="schooldesk-bench-") as scratch:
        demo, ten = Path(scratch) / "demo", Path(scratch) / "ten-years"
        print("building the demo school and a ten-year database …", flush=True)
        make_demo(demo)
        make_ten_years(ten)
        size = sum(p.stat().st_size for p in ten.glob("schooldesk.sqlite3*")) / 1e6
        run_child("main", str(demo))  # warm the disk cache and the .pyc files once
        bare = [run_child("bare") for _ in range(args.runs)]
        login = [run_child("login", str(demo)) for _ in range(args.runs)]
        main_demo = [run_child("main", str(demo)) for _ in range(args.runs)]
        main_ten = [run_child("main", str(ten)) for _ in range(args.runs)]

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    floor, floor_mb = median(bare, "seconds"), median(bare, "peak_mb")
    figures = [
        ("sign-in window", median(login, "login"), floor, TARGETS["login"]),
        ("main window, signed in (demo school)", median(main_demo, "main"), floor, TARGETS["main"]),
    ]
    print(f"floor: bare PySide6 window {floor:.3f} s, {floor_mb:.0f} MB  (median of {args.runs} fresh processes)")
    for label, seconds, against, target in figures:
        ratio = seconds / against
        print(f"{label}: {seconds:.3f} s = {ratio:.1f}x the floor (target ≤ {target:g}x) "
              f"{'met' if ratio <= target else 'NOT met'}")
    peak = median(main_demo, "peak_mb")
    print(f"peak memory at the main window: {peak:.0f} MB (target ≤ {TARGETS['memory_mb']} MB) "
          f"{'met' if peak <= TARGETS['memory_mb'] else 'NOT met'}")
    demo_after, ten_after = median(main_demo, "after_sign_in"), median(main_ten, "after_sign_in")
    ratio = ten_after / demo_after
    print(f"ten-year database ({size:.0f} MB): main window {ten_after:.3f} s after sign-in vs {demo_after:.3f} s "
          f"on the demo = {ratio:.2f}x (target ≤ {TARGETS['ten_year']}x) {'met' if ratio <= TARGETS['ten_year'] else 'NOT met'}")
    print(f"  (whole start on the ten-year database: {median(main_ten, 'main'):.3f} s; "
          f"sign-in window {median(main_ten, 'login'):.3f} s)")


if __name__ == "__main__":
    main()
