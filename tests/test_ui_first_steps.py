"""The home page of an empty school shows the first steps in order and says there is nothing yet to judge
(never 达到要求); each step opens its page, and the steps go once they are done."""
from __future__ import annotations

from datetime import date

from schooldesk.services.home import first_steps
from schooldesk.services.rows import SchoolDetails, TeacherInput
from schooldesk.services.school import update_school
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState


def test_an_empty_school_is_shown_its_first_steps_not_that_all_is_well(qtbot, zh_app, school_db) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(school_db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    home = window.current_page()
    box = home.first_steps
    assert box.isVisible()
    lines = [box.steps.item(i).text() for i in range(box.steps.count())]
    assert [line.split(" ", 2)[1] for line in lines] == ["1.", "2.", "3.", "4.", "5."]
    assert lines[0].startswith("→") and "校长" in lines[0] and "下一步" in lines[0]
    assert "教师" in lines[1] and "名册" in lines[2] and "关爱" in lines[3] and "规则" in lines[4]
    assert "达到要求" not in home.overdue_title.text() + home.home_title.text()
    assert "尚无" in home.overdue_title.text()
    qtbot.waitUntil(lambda: "尚无教师" in home.observing_title.text())

    box.steps.itemActivated.emit(box.steps.item(1))  # 添加教师: opens the teachers page
    assert window.current_page().objectName() == "TeachersPage"

    update_school(school_db, SchoolDetails("石桥村小学", "2141051203", county="示范县", principal="王建国"))
    add_teacher(school_db, TeacherInput("李春梅", "女"))
    assert [s.done for s in first_steps(school_db)] == [True, True, False, False, False]
    window.state.notify_changed("teachers")
    window.nav.setCurrentRow(0)
    assert box.steps.item(0).text().startswith("✓") and box.steps.item(2).text().startswith("→")


def test_the_demo_school_has_no_first_steps_left(qtbot, zh_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.builders import demo_school, open_as_command

    db = open_as_command(tmp_path / "data")
    demo_school(db, today=date(2026, 11, 24))
    assert all(step.done for step in first_steps(db))
    db.close()
