"""工作总结 page, 活动频次要求 and 报送日程 through the real widgets: a draft written off the GUI thread with its figures
shown, the frequency targets edited and saved as a version, the calendar's dates edited, and the home page's to-do
list with the calendar and the targets behind."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.db.database import Database
from schooldesk.domain.frequency import MONTH, SEMESTER, WEEK_OF
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.due_dates import due_dates_on, due_items
from schooldesk.services.frequency_targets import frequency_targets_on, frequency_versions
from schooldesk.services.work_summary import work_summary
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.builders import demo_school

TODAY = date.today()


@pytest.fixture
def demo(db: Database) -> Database:
    demo_school(db, today=TODAY)
    return db


def _window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    return window


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_summary_is_drafted_off_the_gui_thread_and_its_figures_shown(qtbot, zh_app, demo: Database,
                                                                        tmp_path: Path) -> None:
    import docx

    window = _window(qtbot, demo)
    page = window.open_page("SummariesPage")
    semester = window.state.semester
    assert semester is not None
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == [
        "控辍保学工作总结", "送教上门工作总结", "听课评课工作总结", "师徒结对工作总结", "活动记录工作总结"]
    assert {page.model.index(r, 2).data() for r in range(5)} == {"尚未起草"}
    page.table.selectRow(2)
    assert page.selected() == "observation"
    out = tmp_path / "听课评课工作总结.docx"
    page.draft_to(out, "observation")
    qtbot.waitUntil(lambda: page.result is not None, timeout=60000)
    expected = work_summary(demo, semester.key, "observation", today=date.today()).figures
    shown = {page.figures_model.index(r, 0).data(): page.figures_model.index(r, 1).data()
             for r in range(page.figures_model.rowCount())}
    assert shown == {label: str(value) for label, value in expected.items()} and len(shown) >= 5
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.startswith(f"{window.state.school.name}{semester.key.label_zh}听课评课工作总结")
    assert page.model.index(2, 2).data() == "已起草" and page.model.index(0, 2).data() == "尚未起草"
    assert page.selected() == "observation"  # the refresh kept the row
    assert any(box.objectName() == "savedBox" for box in _message_boxes())
    done = [i for i in due_items(demo, semester.key) if i.what == "听课评课工作总结"]
    assert done and done[0].done


def test_a_summary_into_the_data_folder_is_refused(qtbot, zh_app, demo: Database) -> None:
    window = _window(qtbot, demo)
    page = window.open_page("SummariesPage")
    assert page.draft_to(demo.path.parent / "总结.docx", "dropout") is None
    qtbot.waitUntil(lambda: bool(_message_boxes()))
    assert "数据" in " ".join(box.text() for box in _message_boxes())
    assert not (demo.path.parent / "总结.docx").exists() and page.result is None


def test_frequency_targets_are_added_validated_and_saved_as_a_version(qtbot, zh_app, demo: Database) -> None:
    window = _window(qtbot, demo)
    settings = window.open_page("SettingsPage")
    before = frequency_targets_on(demo, TODAY).targets
    dialog = settings.activity_rules.edit_frequency()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(before) > 0  # the demo's targets, in words
    assert dialog.table.item(0, 0).text() == dialog._text(before[0])
    kinds = {spec.name: code for code, spec in ((s.code, s) for s in list_kinds(demo).values())}
    dialog.kind.setCurrentIndex(dialog.kind.findData(kinds["主题班会"]))
    dialog.times.setValue(3)
    dialog.per.setCurrentIndex(dialog.per.findData(MONTH))
    dialog.add()
    assert dialog.table.item(dialog.table.rowCount() - 1, 0).text() == "每月至少3次主题班会"
    dialog.per.setCurrentIndex(dialog.per.findData(WEEK_OF))
    assert dialog.week_of.isEnabled()
    dialog.week_of.setText("5月25日")  # not MM-DD: said, nothing added
    rows = dialog.table.rowCount()
    dialog.add()
    qtbot.waitUntil(lambda: bool(_message_boxes()))
    assert "05-25" in " ".join(box.text() for box in _message_boxes())
    for box in _message_boxes():
        box.close()
    assert dialog.table.rowCount() == rows
    dialog.table.selectRow(rows - 1)
    dialog.per.setCurrentIndex(dialog.per.findData(SEMESTER))
    dialog.times.setValue(4)
    dialog.replace()
    assert dialog.table.item(rows - 1, 0).text() == "每学期至少4次主题班会"
    since = TODAY - timedelta(days=3)
    dialog.since.set_value(since)
    dialog.save()
    assert not dialog.isVisible()
    saved = frequency_targets_on(demo, TODAY)
    assert saved.effective_from == since and saved.targets[-1].times == 4 and saved.targets[-1].per == SEMESTER
    assert saved.targets[:-1] == before
    assert frequency_targets_on(demo, since - timedelta(days=1)).targets == before  # the earlier version stays
    assert len(frequency_versions(demo)) >= 2


def test_the_presets_join_the_list_and_wait_for_save(qtbot, zh_app, school_db: Database) -> None:
    window = _window(qtbot, school_db)
    dialog = window.open_page("SettingsPage").activity_rules.edit_frequency()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    dialog.preset_button.click()
    texts = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert texts == ["每学年至少2次质量分析会", "每学期至少1次校际教研", "5月25日所在周至少1次心理健康教育",
                     "每学期至少1次家长会"]
    assert not frequency_versions(school_db)  # nothing saved until 保存
    assert dialog.kind.findText("质量分析会") >= 0  # the kinds made for them can be chosen
    dialog.preset_button.click()
    assert dialog.table.rowCount() == 4  # not twice
    dialog.save()
    assert len(frequency_targets_on(school_db, date.today()).targets) == 4  # in force from the day it was saved


def test_the_calendar_dates_are_edited_in_settings(qtbot, zh_app, demo: Database) -> None:
    window = _window(qtbot, demo)
    dialog = window.open_page("SettingsPage").activity_rules.edit_due_dates()
    qtbot.addWidget(dialog)
    assert dialog.monthly_day.value() == 5 and dialog.rounds.text() == "09-30、03-31"
    assert dialog.monthly_day.text() == "次月5日前"
    dialog.monthly_day.setValue(10)
    dialog.rounds.setText("10-15")
    dialog.since.set_value(TODAY)
    dialog.save()
    assert not dialog.isVisible()
    dates = due_dates_on(demo, TODAY)
    assert dates.monthly_report_day == 10 and dates.survey_rounds == ("10-15",)
    assert due_dates_on(demo, TODAY - timedelta(days=1)).monthly_report_day == 5


def test_the_home_page_lists_what_is_due_and_the_targets_behind(qtbot, zh_app, demo: Database) -> None:
    from schooldesk.services.frequency_targets import frequency_behind

    window = _window(qtbot, demo)
    home = window.current_page()
    qtbot.waitUntil(lambda: home.due_table.isVisible(), timeout=20000)
    semester = window.state.semester
    assert semester is not None
    shown = [home.due_model.index(r, 2).data() for r in range(home.due_model.rowCount())]
    behind = frequency_behind(demo, semester.key, TODAY)
    assert behind and all(any(s.startswith(row.what) for s in shown) for row in behind)
    soon = [i for i in due_items(demo, semester.key) if not i.done and i.date <= TODAY + timedelta(days=30)]
    assert all(i.what in shown for i in soon)
    assert str(len(behind)) in home.due_title.text() and "待办" in home.due_title.text()
    row = next(r for r, text in enumerate(shown) if text.startswith(behind[0].what))
    opened = home.open_due(home.due_model.index(row, 2))
    assert opened is not None and opened.objectName() == "ActivitiesPage"
