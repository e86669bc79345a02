"""One helper for every service call a screen makes (ui/service_call.py): it shows a refusal in the clerk's
language, announces what a success changed, and hands a record gone since it was shown to its window."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.access import TEACHER, Actor
from schooldesk.domain.errors import NotFoundError
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.support import SupportInput, add_support
from schooldesk.services.teachers import add_teacher
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import CARE, PUPILS, SUPPORT, AppState
from tests.builders import make_id

UI = Path(__file__).resolve().parent.parent / "schooldesk" / "ui"


def _error_boxes() -> list[str]:
    return [w.text() for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


def test_a_refusal_is_shown_a_success_announced_and_a_record_gone_handed_over(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    birth = date(2015, 3, 4)
    pupil = add_pupil(school_db, PupilInput(name="王小明", gender="男", birth_date=birth, id_number=make_id(birth, "男"),
                                            school_year=2025))
    teacher = add_teacher(school_db, TeacherInput("李春梅", "女")).id
    state = AppState(school_db)
    screen = QWidget()
    qtbot.addWidget(screen)
    screen.show()
    announced: list[frozenset[str]] = []
    state.data_changed.connect(announced.append)

    done = call_service(screen, lambda: add_support(school_db, pupil, SupportInput(date(2025, 10, 8), teacher, "谈心", "了解近况")),
                        state=state, changes={SUPPORT})
    assert done and done.value is not None and done.value.content == "了解近况"
    assert announced == [frozenset({SUPPORT})] and _error_boxes() == []

    school_db.actor = Actor("li", TEACHER, teacher_id=999)  # a teacher writing someone else's record
    refused = call_service(screen, lambda: add_support(school_db, pupil, SupportInput(date(2025, 10, 9), teacher, "谈心", "x")),
                           state=state, changes={SUPPORT, CARE})
    assert not refused and refused.value is None
    assert announced == [frozenset({SUPPORT})], "nothing is announced for a refused call"
    assert _error_boxes() == ["教师只能修改自己的记录。"]

    gone: list[NotFoundError] = []
    lost = call_service(screen, lambda: (_ for _ in ()).throw(NotFoundError("The pupil no longer exists.")),
                        on_gone=gone.append, state=state, changes={PUPILS})
    assert not lost and len(gone) == 1 and len(_error_boxes()) == 1, "handed to the window, not shown as an error"


def test_screens_call_services_through_the_helper() -> None:
    """The handful of places that handle a refusal otherwise say why: the sign-in message, the new school
    year's preview, the status bar's daily backup, closing, start-up, and the form helper."""
    allowed = {"login_dialog.py", "new_school_year_dialog.py", "main_window.py", "startup.py", "form.py",
               "service_call.py"}
    hand_written = sorted(path.name for path in UI.rglob("*.py")
                          if re.search(r"except SchoolDeskError", path.read_text(encoding="utf-8"))
                          and path.name not in allowed)
    assert hand_written == []
