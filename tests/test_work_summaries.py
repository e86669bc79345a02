"""工作总结: the five drafts written by the command as Word documents whose headings come in the skeleton's order
and whose text states every figure of --json (read back by python-docx and, as a second client, LibreOffice);
one figure, one definition — the summary, the registers, the monthly report, the home page and the 报送前检查
agree at the semester's boundaries."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from schooldesk.db.database import Database
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.bundle import bundle_checks
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.home import home_summary
from schooldesk.services.monthly_report import monthly_report
from schooldesk.services.pupils import PupilInput, add_pupil, get_pupil, update_pupil
from schooldesk.services.registers import register_book
from schooldesk.services.rows import TeacherInput
from schooldesk.services.support import SupportInput, add_support, list_support, update_support
from schooldesk.services.teachers import add_teacher
from schooldesk.services.work_summary import HEADINGS, PROMPT, work_summary
from tests.builders import demo_folder, make_id, run_cli

AUTUMN = SemesterKey(2025, 1)  # 2025-09-01 … 2026-01-31
FAMILIES = ("dropout", "home-teaching", "observation", "mentorship", "activities")


def docx_text(path: Path) -> list[str]:
    """Every paragraph and table cell of a .docx, in order, as python-docx reads it."""
    from docx import Document

    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return lines


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict]]:  # type: ignore[type-arg]
    """The demo school's five drafts, each written by `draft-summary --json`."""
    folder = tmp_path_factory.mktemp("summaries")
    data = folder / "data"
    demo_folder(data)
    found = {}
    for family in FAMILIES:
        out = folder / f"{family}.docx"
        done = run_cli("draft-summary", "--family", family, "--out", str(out), "--json", "--data-dir", str(data))
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert set(result) == {"path", "figures"} and Path(result["path"]) == out
        found[family] = (out, result["figures"])
    return found


@pytest.mark.parametrize("family", FAMILIES)
def test_each_draft_has_the_skeleton_in_order_and_states_every_figure(drafts, family: str) -> None:  # type: ignore[no-untyped-def]
    path, figures = drafts[family]
    lines = docx_text(path)
    text = "\n".join(lines)
    assert lines[0].endswith(f"{ {'dropout': '控辍保学', 'home-teaching': '送教上门', 'observation': '听课评课', 'mentorship': '师徒结对', 'activities': '活动记录'}[family]}工作总结")
    headings = [line for line in lines if len(line) > 2 and line[1] == "、" and line[2:] in (*HEADINGS, "主要数据")]
    expected = [h if h != "主要指标" or family == "dropout" else "主要数据" for h in HEADINGS]
    assert [h[2:] for h in headings] == expected
    assert len(figures) >= 5
    for label, value in figures.items():
        assert f"{label.split('·')[0]}{value}" in text, label
    assert PROMPT in text  # 存在问题 / 下一步 left for the clerk


def test_the_drafts_open_in_libreoffice_as_a_second_client(drafts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if sys.platform == "win32":
        pytest.skip("LibreOffice is not part of the Windows lane; python-docx reads the drafts there")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui) is needed: ./dev.sh installs it"
    paths = [str(path) for path, _figures in drafts.values()]
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), *paths], check=True, capture_output=True,
                   timeout=240)
    for family, (path, figures) in drafts.items():
        text = (tmp_path / f"{path.stem}.txt").read_text(encoding="utf-8-sig")
        assert "一、基本情况" in text and "六、下一步打算" in text, family
        assert [h for h in text.splitlines() if h[1:2] == "、"][:6] == [line for line in docx_text(path)
                                                                      if line[1:2] == "、"][:6], family  # in order
        for label, value in figures.items():
            assert f"{label.split('·')[0]}{value}" in text, (family, label)


@pytest.fixture
def term(school_db: Database):  # type: ignore[no-untyped-def]
    """Three pupils, two of them left-behind; support on the term's first and last day; one pupil leaves mid-term."""
    db = school_db
    teacher = add_teacher(db, TeacherInput("李春梅", "女")).id
    pupils = [add_pupil(db, PupilInput(name=n, gender="男", birth_date=date(2015, 3, i + 1), school_year=2025,
                                       id_number=make_id(date(2015, 3, i + 1), "男", serial=i + 20), status_date=date(2025, 9, 1)))
              for i, n in enumerate(("王小明", "陈小刚", "刘小军"))]
    for pupil in pupils[:2]:
        add_care(db, pupil, CareInput(LEFT_BEHIND, date(2025, 9, 1), responsible_teacher_id=teacher))
    add_support(db, pupils[0], SupportInput(date(2025, 9, 1), teacher, "谈心", "开学谈心"))
    add_support(db, pupils[0], SupportInput(date(2026, 1, 31), teacher, "学业辅导", "期末辅导"))
    add_support(db, pupils[1], SupportInput(date(2025, 8, 31), teacher, "谈心", "暑假最后一天"))  # before the term
    left = get_pupil(db, pupils[2], 2025)
    update_pupil(db, pupils[2], replace(left, status="转出", status_date=date(2025, 11, 15)))
    return db, pupils


def _agree(db: Database, today: date) -> dict:  # type: ignore[type-arg]
    figures = work_summary(db, AUTUMN, "dropout", today=today).figures
    book = register_book(db, AUTUMN, today=today)
    month = monthly_report(db, today.replace(day=1))  # judged on the month's last day
    home = home_summary(db, today, 2025)
    checks = [c for c in bundle_checks(db, AUTUMN, today) if c.code == "support_overdue"]
    assert figures["在籍学生"] == home.pupils_on_roll
    if (today + timedelta(days=1)).day == 1:
        assert figures["在籍学生"] == month.count("在籍人数")
    assert figures["帮扶记录"] == len(book.support)
    assert figures["留守儿童"] == len({line.pupil.pupil_id for line in book.care_of(LEFT_BEHIND)})
    assert figures.get("帮扶逾期", 0) == len(checks) == len(home.overdue)
    assert figures["累计辍学"] == month.count("累计辍学")
    return figures


def test_the_summary_the_registers_the_monthly_report_the_home_page_and_the_checks_agree(term) -> None:  # type: ignore[no-untyped-def]
    db, pupils = term
    on_the_last_day = _agree(db, date(2026, 1, 31))
    assert on_the_last_day["在籍学生"] == 2  # 刘小军 left on 15 November
    assert on_the_last_day["帮扶记录"] == 2  # the term's first and last day count, 31 August does not
    before_leaving = _agree(db, date(2025, 11, 14))
    assert before_leaving["在籍学生"] == 3 and _agree(db, date(2025, 11, 15))["在籍学生"] == 2  # left that day
    assert _agree(db, date(2025, 10, 31))["在籍学生"] == 3 and _agree(db, date(2025, 11, 30))["在籍学生"] == 2


def test_a_record_edited_after_the_bundle_was_written(term, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.exports.bundle_writing import verify_bundle, write_bundle
    from schooldesk.services.bundle import bundle_contents

    db, pupils = term
    today = date(2026, 1, 31)
    stick = tmp_path / "stick"
    stick.mkdir()
    written = write_bundle(bundle_contents(db, AUTUMN, families=("dropout",), today=today), stick)
    assert _agree(db, today)["帮扶记录"] == 2
    record = next(r for r in list_support(db, pupils[0]) if r.date == date(2026, 1, 31))
    update_support(db, record.id, SupportInput(date(2026, 2, 1), record.teacher_id, record.kind, record.content))
    assert _agree(db, today)["帮扶记录"] == 1  # summary and registers follow the record …
    assert verify_bundle(written.path).intact  # … what was handed in stays as it was


def test_the_monthly_reports_handed_in_are_counted_as_the_calendar_counts_them(term) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.due_dates import due_items
    from schooldesk.services.hand_ins import monthly_key, note_hand_in

    db, _pupils = term
    today = date(2026, 1, 31)
    assert work_summary(db, AUTUMN, "dropout", today=today).figures["已报送月报"] == 0
    for month in (date(2025, 9, 1), date(2025, 10, 1), date(2026, 1, 1)):
        note_hand_in(db, monthly_key(month), on=month + timedelta(days=35))
    note_hand_in(db, monthly_key(date(2026, 2, 1)))  # the spring's: not this term's
    done = [i for i in due_items(db, AUTUMN) if i.what.endswith("控辍保学月报") and i.done]
    assert len(done) == 3 == work_summary(db, AUTUMN, "dropout", today=today).figures["已报送月报"]


def test_scores_of_rubrics_with_different_full_marks_are_put_on_a_hundred(drafts) -> None:  # type: ignore[no-untyped-def]
    """The demo scores on a 30-point rubric and a 100-point one: an average of raw totals would mean nothing."""
    figures = drafts["observation"][1]
    lowest, highest, average = (float(figures[label]) for label in ("最低分", "最高分", "平均分"))
    assert 50 <= lowest <= average <= highest <= 100
    grades = [label for label in figures if label.startswith("评为")]
    assert grades.index("评为优") < grades.index("评为良") < grades.index("评为中")  # best first
