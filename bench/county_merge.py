"""Benchmark: a county's 汇总 — 200 schools' semester bundles (300 pupils each) merged into the store and the
merged workbooks, against a floor measured in the same run: reading the same bundles alone (each verified
against its manifest and its data parsed, as `verify` and the merge read them). Targets: ≤ 60 s, ≤ 1.5x the
floor, memory ≤ 500 MB (the process's peak, measured in a fresh process for each).

The schools are generated: one real bundle of the demo school (289 pupils on roll, every family) exported by
SchoolDesk, then 200 copies made other schools — another 学校标识码, name and 乡镇, other children (names and
numbers changed in every data file, a few shared to give 双重学籍 to find) — with their manifests' sizes and
SHA-256 made true again.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/county_merge.py [SCHOOLS]
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCHOOLS, SECONDS, TARGET, MEMORY_MB, TRIES = 200, 60.0, 1.5, 500, 2
TOWNSHIPS = ("城关镇", "青山镇", "白沙镇", "柳河乡", "东山乡", "红旗镇", "新华镇", "石门乡", "清水镇", "桃源乡", "梅岭乡", "龙泉镇")


def one_bundle(folder: Path) -> Path:
    """The demo school's semester bundle, exported by SchoolDesk as a school would."""
    from datetime import date

    from schooldesk.db.database import open_database
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.bundle_writing import write_bundle
    from schooldesk.services.access import command_line_rights
    from schooldesk.services.bundle import bundle_contents
    from schooldesk.services.demo import create_demo_school

    today = date(2026, 11, 24)
    db = open_database(folder / "data")
    db.actor = command_line_rights()
    create_demo_school(db, today=today)
    (folder / "stick").mkdir()
    written = write_bundle(bundle_contents(db, SemesterKey(2026, 1), today=today), folder / "stick",
                           data_folder=db.path.parent).path
    db.close()
    return written


def _other_children(rows: list[list], columns: list[str], number: int) -> None:
    """Every child of the copy another child: the number's first digits and the name changed (but for the first
    two children of every tenth school, who stay on roll at two schools)."""
    name, id_number = (columns.index(c) if c in columns else None for c in ("姓名", "身份证号"))
    for index, row in enumerate(rows):
        if number % 10 == 0 and index < 2:
            continue
        if name is not None and isinstance(row[name], str):
            row[name] = row[name] + "甲乙丙丁戊己庚辛壬癸"[number % 10]
        if id_number is not None and isinstance(row[id_number], str) and len(row[id_number]) > 4:
            row[id_number] = f"{9000 + number % 1000:04d}" + row[id_number][4:]


def copies(bundle: Path, folder: Path, count: int) -> list[Path]:
    """*count* other schools' bundles made from *bundle*: files other than the data hard-linked, the data
    rewritten, the manifest's entries made true."""
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    data = {entry["path"]: json.loads((bundle / entry["path"]).read_text(encoding="utf-8")) for entry in manifest["data"]}
    made = []
    for number in range(1, count + 1):
        target = folder / f"学校{number:03d}_报送材料"
        shutil.copytree(bundle, target, copy_function=os.link, ignore=shutil.ignore_patterns("manifest.json"))
        sizes = {}
        for path, content in data.items():
            rows = [list(r) for r in content["rows"]]
            _other_children(rows, content["columns"], number)
            raw = json.dumps({**content, "rows": rows}, ensure_ascii=False).encode("utf-8")
            (target / path).unlink()
            (target / path).write_bytes(raw)
            sizes[path] = (len(raw), hashlib.sha256(raw).hexdigest())
        files = [{**e, "size": sizes[e["path"]][0], "sha256": sizes[e["path"]][1]} if e["path"] in sizes else e
                 for e in manifest["files"]]
        (target / "manifest.json").write_text(json.dumps({
            **manifest, "files": files, "school_code": f"21410{number:05d}", "school": f"第{number:03d}小学",
            "township": TOWNSHIPS[number % len(TOWNSHIPS)]}, ensure_ascii=False), encoding="utf-8")
        made.append(target)
    return made


def reading(paths: list[Path]) -> int:
    """The floor: every bundle read and verified, its data parsed, as the merge reads it."""
    from schooldesk.exports.bundle_data import read_bundle_data

    return sum(len(s.rows) for p in paths for s in read_bundle_data(p).sheets.values())


def merging(paths: list[Path], out: Path) -> int:
    from schooldesk.exports.county_sheets import merge_to_folder

    shutil.rmtree(out, ignore_errors=True)
    merge, written = merge_to_folder(paths, out, database=None, receiver="示范县教育局")
    assert len(merge.schools) == len(paths) and not merge.rejected, merge.rejected
    return len(written)


def bare_writing(folder: Path) -> float:
    """What writing the merged rows costs at the least: each merged sheet's rows (乡镇 and 学校 first) with bare
    openpyxl write-only, no styles (the floor the other workbook benches use); the rows are read from the
    merge's store outside the timing."""
    from openpyxl import Workbook

    from schooldesk.db.county_store import open_store
    from schooldesk.exports.county_merge import merged_view, workbook_sheets

    first = next((folder / "bundles").iterdir())
    semester = json.loads((first / "manifest.json").read_text(encoding="utf-8"))["semester"]
    engine = open_store(None, folder / "out")
    view, spent = merged_view(engine, semester), 0.0
    for number, workbook in enumerate(view.workbooks):
        sheets = workbook_sheets(engine, view, workbook)
        started = time.perf_counter()
        book = Workbook(write_only=True)
        for sheet in sheets:
            ws = book.create_sheet(sheet.sheet[:31])
            ws.append(["乡镇", "学校", *sheet.columns])
            for school, rows in sheet.parts:
                for row in rows:
                    ws.append([school.township, school.name, *row])
        book.save(folder / f"bare{number}.xlsx")
        spent += time.perf_counter() - started
    engine.dispose()
    return spent


def measured(kind: str, folder: Path) -> None:
    """In this (fresh) process: the time of *kind* and the process's peak memory, as one JSON line."""
    paths = sorted(p for p in (folder / "bundles").iterdir())
    started = time.perf_counter()
    if kind == "write":
        result, seconds = 0, bare_writing(folder)
    else:
        result = reading(paths) if kind == "read" else merging(paths, folder / "out")
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "result": result}))


def _run(kind: str, folder: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--measure", kind, str(folder)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(schools: int) -> int:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        started = time.perf_counter()
        bundle = one_bundle(folder / "school")
        (folder / "bundles").mkdir()
        copies(bundle, folder / "bundles", schools)
        made = time.perf_counter() - started
        reads = [_run("read", folder) for _ in range(TRIES)]
        merges = [_run("merge", folder) for _ in range(TRIES)]
        writes = [_run("write", folder) for _ in range(TRIES)]
        size = sum(f.stat().st_size for f in (folder / "bundles").rglob("*") if f.is_file()) / 1e6
    read, merge = min(r["seconds"] for r in reads), min(m["seconds"] for m in merges)
    peak, write = max(m["peak_mb"] for m in merges), min(w["seconds"] for w in writes)
    ratio = merge / read
    print(f"county merge: {schools} schools' bundles of 289 pupils on roll each ({size:,.0f} MB, "
          f"{reads[0]['result']:,} data rows; generated in {made:.1f} s)")
    print(f"  floor (reading and verifying the same bundles alone): {read:.2f} s, peak {reads[0]['peak_mb']:.0f} MB")
    print(f"  SchoolDesk county-merge (read, verify, store in SQLite, {merges[0]['result']} merged workbooks): "
          f"{merge:.2f} s = {ratio:.2f}x the floor (target ≤ {TARGET}x) {'met' if ratio <= TARGET else 'NOT met'}; "
          f"≤ {SECONDS:.0f} s {'met' if merge <= SECONDS else 'NOT met'}")
    print(f"  for comparison: reading alone plus the same merged rows written with bare openpyxl (write-only, no "
          f"styles): {read:.2f} + {write:.2f} s; county-merge is {merge / (read + write):.2f}x that")
    print(f"  memory: peak {peak:.0f} MB (target ≤ {MEMORY_MB} MB) {'met' if peak <= MEMORY_MB else 'NOT met'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measured(sys.argv[2], Path(sys.argv[3]))
        raise SystemExit(0)
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else SCHOOLS))
