"""师徒结对 on paper and in Excel: the agreement from the school's wording, the pair's semester record with a
linked observation, the assessment form, the year's workbook, and the commands."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.mentorship_pdf import (
    write_agreement_pdf, write_assessment_pdf, write_mentorship_xlsx, write_pair_record_pdf,
)
from schooldesk.services.mentorship import GuidanceInput, PairInput, add_guidance, add_pair
from schooldesk.services.mentorship_print import (
    agreement_document, assessment_document, mentorship_book, pair_record_document, set_agreement_template,
)
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from tests.builders import assert_a4_and_drawn, run_cli, text_of

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2026, 1, 31)


@pytest.fixture
def paired(school_db: Database):  # type: ignore[no-untyped-def]
    db = school_db
    wang, li = (add_teacher(db, TeacherInput(n, "女")).id for n in ("王秀英", "李小青"))
    pair = add_pair(db, PairInput(school_year=2025, mentor_id=wang, apprentice_id=li, subject="语文", pairing_type="入门式",
                                  agreement_date=date(2025, 9, 10), goals="一年内站稳讲台", measures="每周互相听课"))
    add_guidance(db, pair.id, GuidanceInput(date=date(2025, 10, 8), kind="备课指导/教案审阅", topic="《秋天的雨》教案",
                                            content="审阅教案", advice="目标要可检测", reflection="改写了目标"), today=TODAY)
    add_observation(db, ObservationInput(observer_id=wang, taught_teacher_id=li, class_id=None, subject="语文",
                                         topic="《掌声》", lesson_type="新授课", kind="师徒听课", date=date(2025, 10, 16),
                                         period=2), today=TODAY)
    return db, pair.id


def test_the_agreement_follows_the_schools_wording(paired, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pair = paired
    pdf = write_agreement_pdf(tmp_path / "agreement.pdf", agreement_document(db, pair), printed=TODAY)
    text = text_of(pdf.path)
    for expected in ("师徒结对协议书", "2025—2026学年由王秀英老师（师傅）与李小青老师（", "徒弟听师傅课：每学期不少于8次",
                     "带教目标：一年内站稳讲台", "师傅（签名）", "徒弟（签名）", "学校（盖章）"):
        assert expected in text, expected
    assert pdf.pages == 1
    assert_a4_and_drawn(pdf.path, tmp_path)
    with pytest.raises(ValidationError):
        set_agreement_template(db, "{师父}与{徒弟}")  # a misspelt placeholder is refused
    set_agreement_template(db, "本校{学科}组：{师傅}带{徒弟}。\n{职责}")
    assert "本校语文组：王秀英带李小青。" in text_of(write_agreement_pdf(tmp_path / "own.pdf", agreement_document(db, pair)).path)


def test_the_pairs_semester_record_and_assessment(paired, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pair = paired
    record = write_pair_record_pdf(tmp_path / "record.pdf", pair_record_document(db, pair, AUTUMN, date(2025, 12, 1)),
                                   printed=TODAY)
    text = text_of(record.path).replace("\n", "")  # cells wrap
    for expected in ("师徒结对学期记录", "目标完成情况", "教案审阅", "《秋天的雨》教案", "指导意见：目标要可检测",
                     "师傅听评徒弟课（听课记录）", "《掌声》", "教导处审核"):
        assert expected in text, expected
    assert_a4_and_drawn(record.path, tmp_path)
    form = write_assessment_pdf(tmp_path / "assessment.pdf", assessment_document(db, pair, TODAY), printed=TODAY)
    text = text_of(form.path)
    assert "师徒结对考核表" in text and "徒弟：听课" in text and "优秀 85，合格 60，不合格" in text
    assert_a4_and_drawn(form.path, tmp_path)


def test_the_years_pairs_as_a_sheet(paired, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _pair = paired
    result = write_mentorship_xlsx(tmp_path / "pairs.xlsx", mentorship_book(db, 2025, AUTUMN, date(2025, 12, 1)))
    assert result.rows == {"师徒结对": 1}
    sheet = openpyxl.load_workbook(result.path)["师徒结对"]
    header = [c.value for c in sheet[3]]
    row = [c.value for c in sheet[4]]
    assert header[:3] == ["序号", "师傅", "徒弟"] and row[1:3] == ["王秀英", "李小青"]
    assert row[header.index("教案审阅（完成）")] == 1 and row[header.index("师傅听徒弟课（完成）")] == 1
    assert row[header.index("协议日期")].date() == date(2025, 9, 10) and row[header.index("是否落后")] == "是"


def test_the_commands(paired, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pair = paired
    data = str(db.path.parent)
    db.close()
    done = run_cli("mentorship-progress", "--school-year", "2025", "--semester", "2025-2026-1", "--json", "--data-dir", data)
    assert done.returncode == 0, done.stderr
    [line] = json.loads(done.stdout)
    assert {"mentor", "apprentice", "subject", "status", "targets"} <= set(line)
    assert (line["mentor"], line["apprentice"], line["status"]) == ("王秀英", "李小青", "进行中")
    assert {"name": "教案审阅", "required": 3, "done": 1} == {k: v for k, v in line["targets"][2].items() if k != "per"}
    for which in ("--agreement", "--record", "--assessment"):
        out = tmp_path / f"{which[2:]}.pdf"
        printed = run_cli("print-mentorship", "--pair", str(pair), which, "--semester", "2025-2026-1", "--out", str(out),
                          "--data-dir", data)
        assert printed.returncode == 0, printed.stderr
        assert "王秀英" in text_of(out)
    missing = run_cli("print-mentorship", "--pair", "99", "--agreement", "--out", str(tmp_path / "x.pdf"), "--data-dir", data)
    assert missing.returncode == 2 and "不存在" in missing.stderr and "Traceback" not in missing.stderr
