"""The teacher's file on paper and in the bundle: `print-teacher` with its JSON (the same numbers as
`observation-quotas`), the PDF read back and drawn, the demo school's training, honours and outside observer,
and the 教师发展 workbook of the semester's bundle read back."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle_writing import verify_bundle, write_bundle
from schooldesk.services.bundle import bundle_contents
from schooldesk.services.outside_observers import list_outside_observers
from schooldesk.services.school_visits import list_school_visits
from schooldesk.services.teacher_file import all_teachers_figures, file_period
from tests.builders import assert_a4_and_drawn, demo_folder, open_as_command, run_cli, text_of

TODAY = date(2026, 11, 24)  # the demo's autumn term 2026—2027, as the bundle tests have it
TERM = SemesterKey(2026, 1)
JSON_KEYS = {"lessons_observed", "lessons_received", "training_hours", "home_visits", "home_teaching_visits"}


def test_print_teacher_writes_the_file_and_its_counts_match_the_quota_table(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data", today=TODAY)
    db = open_as_command(folder)
    try:
        figures = all_teachers_figures(db, file_period(db, TERM.code))
        observers = list_outside_observers(db)
    finally:
        db.close()
    assert observers and sum(f.training_count for f in figures) > 0 and sum(f.honours for f in figures) > 0
    seen = next(f for f in figures if f.lessons_received_from_outside)  # the demo's 教研员 came to their lesson
    pdf = tmp_path / "out" / "档案.pdf"
    pdf.parent.mkdir()
    printed = run_cli("--data-dir", str(folder), "print-teacher", "--teacher", seen.teacher, "--semester", TERM.code,
                      "--out", str(pdf), "--json")
    assert printed.returncode == 0, printed.stderr
    said = json.loads(printed.stdout)
    assert JSON_KEYS <= set(said) and said["teacher"] == seen.teacher and said["period"] == "2026—2027学年第一学期"
    assert {k: said[k] for k in JSON_KEYS} == {k: getattr(seen, k) for k in JSON_KEYS}
    assert said["lessons_received_from_outside"] >= 1 and said["file"] == str(pdf) and said["pages"] >= 1
    quotas = run_cli("--data-dir", str(folder), "observation-quotas", "--semester", TERM.code, "--json")
    row = next(r for r in json.loads(quotas.stdout) if r["teacher"] == seen.teacher)
    assert (said["lessons_observed"], said["lessons_received"]) == (row["observed"], row["observed_by_others"])
    assert all(r["teacher"] != observers[0].name for r in json.loads(quotas.stdout))  # in no quota
    text = text_of(pdf)
    for part in ("教师专业成长档案", seen.teacher, "一、培训", "二、师德", "三、荣誉与竞赛", "四、听课", "五、师徒结对",
                 "六、家访", observers[0].label, f"被听课{seen.lessons_received}节"):
        assert part in text.replace("\n", ""), part
    assert_a4_and_drawn(pdf, tmp_path)
    year = run_cli("--data-dir", str(folder), "print-teacher", "--teacher", seen.teacher, "--year", "2026", "--json")
    assert year.returncode == 0 and json.loads(year.stdout)["period"] == "2026—2027学年"
    nowhere = run_cli("--data-dir", str(folder), "print-teacher", "--teacher", seen.teacher)
    assert nowhere.returncode != 0 and "--out" in nowhere.stderr
    stranger = run_cli("--data-dir", str(folder), "print-teacher", "--teacher", "查无此人", "--json")
    assert stranger.returncode != 0 and "查无此人" in stranger.stderr


def test_the_bundle_holds_a_teachers_workbook_with_one_row_each_and_the_visits_received(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "data", today=TODAY)
    db = open_as_command(folder)
    try:
        contents = bundle_contents(db, TERM, families=("teachers",), today=TODAY)
        figures = all_teachers_figures(db, file_period(db, TERM.code))
        visits = list_school_visits(db)
        stick = tmp_path / "stick"
        stick.mkdir()
        written = write_bundle(contents, stick, data_folder=folder)
    finally:
        db.close()
    report = verify_bundle(written.path)
    assert report.intact and report.manifest["families"] == ["teachers"]
    assert report.manifest["counts"]["records"]["teachers"] == len(figures)
    book = load_workbook(written.path / "教师发展.xlsx")
    rows = list(book["教师发展情况"].iter_rows(values_only=True))
    assert rows[0][0] == "教师发展情况统计表（2026—2027学年第一学期）" and rows[1][0].startswith("填报单位（盖章）")
    header = rows[2]
    body = [dict(zip(header, r)) for r in rows[3:3 + len(figures)]]
    assert [r["姓名"] for r in body] == [f.teacher for f in figures]
    for line, figure in zip(body, figures):
        assert (line["听课节数"], line["被听课节数"], line["培训学时"], line["家访次数"]) == (
            figure.lessons_observed, figure.lessons_received, figure.training_hours, figure.home_visits)
    assert any(r.startswith("单位负责人") for r in (c[0] or "" for c in rows[3 + len(figures):]))  # the signature footer
    visit_rows = [r for r in book["视导督导"].iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(visit_rows) == sum(len(v.actions) for v in visits) and {r[2] for r in visit_rows} == {"视导"}
    assert "整改中" in {r[8] for r in visit_rows}
    assert (written.path / "教师发展.pdf").exists()
