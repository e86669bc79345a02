"""The kind of school decides which grades a roster may fill: a primary school importing last year's roster into
this year is told that 七年级 is not one of its grades (the row is not imported), the import names the school
year it fills and can be pointed at another, a roster of another school (学校标识码) is flagged, and the 年级
filter offers the school's own grades."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from schooldesk.domain.moving_up import JUNIOR, PRIMARY
from schooldesk.domain.semester import default_term_dates
from schooldesk.services.new_school_year import set_school_type
from schooldesk.services.pupil_import import import_pupil_file, report_as_dict
from schooldesk.services.pupils import list_pupils
from schooldesk.services.semesters import set_school_year
from tests.builders import make_id, write_xlsx
from tests.test_pupil_import import TEMPLATE_ORDER, template_row


def _last_years_roster(path: Path, *, foreign_code: str = "") -> Path:
    """2024—2025's roster: 入学年月 2019-09 (六年级 then) to 2024-09 (一年级 then)."""
    rows = [TEMPLATE_ORDER]
    for serial, year in enumerate(range(2019, 2025), 1):
        born = date(year - 6, 3, serial)
        extra = {"学校标识码": foreign_code} if foreign_code and serial == 2 else {}
        rows.append(template_row(f"学生{serial}", "男", born, make_id(born, "男", serial=serial), "1", f"{year}-09",
                                 **extra))
    return write_xlsx(path, rows)


def test_a_grade_the_school_does_not_have_is_refused_by_row_and_the_year_can_be_chosen(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    set_school_type(db, PRIMARY)
    roster = _last_years_roster(tmp_path / "去年.xlsx")
    _r, report = import_pupil_file(db, roster, 2025, dry_run=True)
    [refused] = report.errors
    assert refused.code == "grade_beyond_school" and refused.row == 2 and refused.column == "入学年月"
    assert "七年级 in 2025—2026学年 is not a grade of this 小学" in str(refused.error)
    assert (report.new, report.skipped, report.school_year) == (5, 1, 2025)
    assert "七年级(1)班" not in report.classes_created

    set_school_year(db, *default_term_dates(2024))  # into the year the roster is of: all six fit
    _r, report = import_pupil_file(db, roster, 2024, dry_run=False)
    assert report.errors == [] and report.new == 6 and report.school_year == 2024
    assert {p.class_name for p in list_pupils(db, 2024)} == {f"{g}年级(1)班" for g in "一二三四五六"}

    set_school_type(db, JUNIOR)  # a junior middle school: 入学年月 2024-09 is 七年级 there
    _r, report = import_pupil_file(db, roster, 2024, dry_run=True)
    assert report.errors == [] and report.unchanged + report.updated == 6


def test_a_school_that_never_said_its_kind_is_not_refused_rows(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Databases from before the wizard asked (and `init` without --school-type): a guess never refuses."""
    _r, report = import_pupil_file(school_db, _last_years_roster(tmp_path / "r.xlsx"), 2025, dry_run=True)
    assert report.errors == [] and "七年级(1)班" in report.classes_created


def test_a_roster_of_another_school_is_flagged_once(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _last_years_roster(tmp_path / "别校.xlsx", foreign_code="2141059999")
    _r, report = import_pupil_file(school_db, path, 2025, dry_run=True)
    assert report.foreign_school_codes == ["2141059999"]  # the other rows carry the school's own 2141051203
    assert report_as_dict(report, str)["foreign_school_codes"] == ["2141059999"]


def test_the_import_dialog_names_and_changes_the_year_and_warns_of_another_school(qtbot, zh_app, school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.import_dialog import ImportDialog
    from schooldesk.ui.state import AppState

    set_school_type(school_db, PRIMARY)
    set_school_year(school_db, *default_term_dates(2024))
    state = AppState(school_db)
    dialog = ImportDialog(state)
    qtbot.addWidget(dialog)
    years = dialog.year_box
    assert [years.itemText(i) for i in range(years.count())] == ["2025—2026学年", "2024—2025学年"]
    assert years.currentData() == state.school_year == 2025
    task = dialog.preview(_last_years_roster(tmp_path / "去年.xlsx", foreign_code="2141059999"))
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    text = dialog.summary.text()
    assert "2025—2026学年" in text and "2141059999" in text and "2141051203" in text
    assert dialog.report is not None and dialog.report.skipped == 1
    assert any("七年级" in line.message and "小学" in line.message for line in dialog.model.rows())
    years.setCurrentIndex(years.findData(2024))  # the clerk points it at the roster's year: previewed again
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.school_year == 2024, timeout=30000)
    assert dialog.report.skipped == 0 and "2024—2025学年" in dialog.summary.text()
    assert dialog.import_button.text() == "导入 6 名学生(&I)"


def test_the_grade_filter_offers_the_schools_own_grades(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.pages.pupils import PupilsPage
    from schooldesk.ui.state import SCHOOL, AppState

    set_school_type(school_db, PRIMARY)
    page = PupilsPage(AppState(school_db))
    qtbot.addWidget(page)
    page.show()
    grades = [page.grade_box.itemText(i) for i in range(page.grade_box.count())]
    assert grades == ["全部年级", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]
    set_school_type(school_db, JUNIOR)
    page.state.notify_changed(SCHOOL)  # as the settings page announces it
    assert [page.grade_box.itemText(i) for i in range(1, page.grade_box.count())] == ["七年级", "八年级", "九年级"]
