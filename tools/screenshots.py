"""Regenerate the README screenshots on a real (virtual) X display, in Chinese, on the demo school.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py docs/
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from schooldesk.app import make_application
from schooldesk.db.database import open_database
from schooldesk.services.access import command_line_rights
from schooldesk.services.demo import create_demo_school
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.setup_wizard import SetupWizard
from schooldesk.ui.state import AppState

SHOTS = {0: "main-window-home.png", 1: "main-window-pupils.png", 2: "main-window-catchment.png",
         3: "main-window-home-teaching.png", 4: "main-window-observations.png", 5: "main-window-mentorship.png",
         6: "main-window-activities.png", 7: "main-window-reports.png", 8: "main-window-export.png",
         9: "main-window-summaries.png", 10: "main-window-teachers.png", 11: "main-window-classes.png",
         12: "main-window-settings.png"}
PDF_PAGES = {"visit": "pdf-home-teaching-visit", "log": "pdf-home-teaching-log", "blank": "pdf-home-teaching-blank"}


def render_pdfs(db, out: Path, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The three printed 送教上门 documents for the demo child's full spring semester, page by page as PNG."""
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.home_teaching_pdf import write_blank_form_pdf, write_semester_log_pdf, write_visit_pdf
    from schooldesk.services.home_teaching import list_plans
    from schooldesk.services.home_teaching_log import home_teaching_log

    today = date(2026, 11, 24)
    [spring] = list_plans(db, SemesterKey(2025, 2), today)
    log = home_teaching_log(db, spring.plan.id)
    with_photo = next(v for v in log.visits if v.photos)
    written = {
        "visit": write_visit_pdf(folder / "visit.pdf", log, with_photo.id, printed=today),
        "log": write_semester_log_pdf(folder / "log.pdf", log, printed=today),
        "blank": write_blank_form_pdf(folder / "blank.pdf", log, printed=today),
    }
    pngs = []
    for key, result in written.items():
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(result.path), str(out / PDF_PAGES[key])], check=True)
        pngs += sorted(out.glob(f"{PDF_PAGES[key]}-*.png"))
    return pngs


def render_register_pdfs(db, out: Path, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """学生档案, 劝返记录表, the left-behind register and the monthly report of the demo school, page 1 as PNG."""
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.monthly_report import write_monthly_report_pdf
    from schooldesk.exports.pupil_file_pdf import write_case_pdf, write_pupil_file_pdf
    from schooldesk.exports.registers import register_spec, write_registers_pdf
    from schooldesk.services.monthly_report import monthly_report
    from schooldesk.services.pupil_file import pupil_file
    from schooldesk.services.registers import register_book

    today = date(2026, 11, 24)
    book = register_book(db, SemesterKey(2026, 1), today=today)
    case = book.dropouts[0]
    file = pupil_file(db, case.pupil.pupil_id, 2026, today=today)
    written = {
        "pdf-pupil-file": write_pupil_file_pdf(folder / "file.pdf", file, printed=today),
        "pdf-return-record": write_case_pdf(folder / "case.pdf", file, case.case_id, printed=today),
        "pdf-register-left-behind": write_registers_pdf(folder / "left.pdf", book, [register_spec("left-behind")],
                                                        printed=today),
        "pdf-monthly-report": write_monthly_report_pdf(folder / "month.pdf", monthly_report(db, date(2026, 11, 1)),
                                                       printed=today),
    }
    pngs = []
    for name, result in written.items():
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-png", str(result.path),
                        str(out / name)], check=True)
        pngs.append(out / f"{name}.png")
    return pngs


def render_observation_pdfs(db, out: Path, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """A demo observation with 二看三查阅 and both pages of the blank 听课记录表, as PNG."""
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.observation_pdf import write_blank_observation_pdf, write_observation_pdf
    from schooldesk.services.observation_print import blank_observation_form, observation_sheet
    from schooldesk.services.observations import list_observations

    today = date(2026, 11, 24)
    chosen = next(r for r in list_observations(db, SemesterKey(2026, 1)) if r.checks and r.scored and r.lesson_observers > 1)
    one = write_observation_pdf(folder / "observation.pdf", observation_sheet(db, chosen.id), printed=today)
    blank = write_blank_observation_pdf(folder / "observation-blank.pdf", blank_observation_form(db, SemesterKey(2026, 1)),
                                        printed=today)
    subprocess.run(["pdftoppm", "-r", "80", "-singlefile", "-png", str(one.path), str(out / "pdf-observation")], check=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(blank.path), str(out / "pdf-observation-blank")], check=True)
    return [out / "pdf-observation.png", *sorted(out.glob("pdf-observation-blank-*.png"))]


def render_mentorship_pdfs(db, out: Path, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The demo's first pair: its agreement and its semester record, page 1 as PNG."""
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.mentorship_pdf import write_agreement_pdf, write_pair_record_pdf
    from schooldesk.services.mentorship import list_pairs
    from schooldesk.services.mentorship_print import agreement_document, pair_record_document

    today = date(2026, 11, 24)
    pair = list_pairs(db, 2026)[0]
    written = {
        "pdf-mentorship-agreement": write_agreement_pdf(folder / "agreement.pdf", agreement_document(db, pair.id),
                                                        printed=today),
        "pdf-mentorship-record": write_pair_record_pdf(folder / "record.pdf", pair_record_document(
            db, pair.id, SemesterKey(2026, 1), today), printed=today),
    }
    for name, result in written.items():
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-png", str(result.path),
                        str(out / name)], check=True)
    return [out / f"{name}.png" for name in written]


def render_activity_pdfs(db, out: Path, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """A demo activity with its photos, and the blank 家访记录表 of a left-behind child, page 1 as PNG."""
    from schooldesk.domain.semester import SemesterKey
    from schooldesk.exports.activity_pdf import write_activity_pdf, write_blank_home_visit_pdf
    from schooldesk.services.activities import list_activities
    from schooldesk.services.activity_print import activity_sheet, blank_home_visit

    today = date(2026, 11, 24)
    rows = list_activities(db, SemesterKey(2026, 1))
    with_photos = max(rows, key=lambda r: len(r.photos))
    visited = next(r for r in rows if r.kind.code == "home_visit")
    written = {
        "pdf-activity": write_activity_pdf(folder / "activity.pdf", activity_sheet(db, with_photos.id), printed=today),
        "pdf-home-visit-blank": write_blank_home_visit_pdf(folder / "blank-visit.pdf", blank_home_visit(
            db, visited.pupils[0].id, 2026), printed=today),
    }
    for name, result in written.items():
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-png", str(result.path),
                        str(out / name)], check=True)
    return [out / f"{name}.png" for name in written]


def shoot_summaries(window: MainWindow, out: Path) -> list[Path]:
    """The home page on a 1366×768 screen (the taskbar takes 40 px, the title bar 31), the 频次要求 dialog, and a
    drafted work summary's first page as LibreOffice prints it."""
    size = window.size()
    window.nav.setCurrentRow(0)
    window.resize(1366, 768 - 40 - 31)
    settle()
    window.grab().save(str(out / "home-1366x768.png"))
    window.resize(size)
    frequency = window.pages[12][1].activity_rules.edit_frequency()
    frequency.resize(640, 600)
    settle()
    frequency.grab().save(str(out / "frequency-targets.png"))
    frequency.close()
    summaries = window.open_page("SummariesPage")
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "控辍保学工作总结.docx"
        summaries.draft_to(docx, "dropout")
        wait_for(lambda: summaries.result is not None)
        for box in QApplication.topLevelWidgets():
            if box.objectName() == "savedBox":
                box.close()
        settle()
        window.grab().save(str(out / "main-window-summaries.png"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(docx)], check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(docx.with_suffix(".pdf")), str(out / "docx-work-summary")], check=True)
    return [out / "home-1366x768.png", out / "frequency-targets.png", out / "docx-work-summary.png"]


def settle() -> None:
    """Let the window paint. A local loop: QApplication.quit() would close every window in Qt 6."""
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()


def wait_for(ready) -> None:  # type: ignore[no-untyped-def]
    """Slow work runs off the GUI thread: let the loop turn until it has reported."""
    for _ in range(600):
        if ready():
            break
        settle()


def main(out: Path) -> int:
    app = make_application("zh_CN")
    app.setApplicationName("SchoolDesk-screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder))
        db.actor = command_line_rights()  # it acts as a command would
        create_demo_school(db, today=date(2026, 11, 24))
        window = MainWindow(AppState(db))
        window.resize(1280, 800)
        window.show()
        for index, name in SHOTS.items():
            window.nav.setCurrentRow(index)
            settle()
            window.grab().save(str(out / name))
        pupils = window.pages[1][1]
        window.nav.setCurrentRow(1)
        pupils.care_box.setCurrentIndex(1)  # 留守儿童
        pupils.table.selectRow(0)
        profile = pupils.open_profile()
        profile.resize(960, 560)
        settle()
        profile.grab().save(str(out / "pupil-profile.png"))
        profile.close()
        from schooldesk.services.dropout import list_cases
        from schooldesk.ui.pupil_profile import PupilProfileWindow

        dropout = next(r for r in pupils.model.rows() if list_cases(db, r.id))
        case_profile = PupilProfileWindow(window.state, dropout.id, window, tab="cases")
        case_profile.resize(960, 600)
        case_profile.show()
        case_profile.visit_table.selectRow(0)
        settle()
        case_profile.grab().save(str(out / "pupil-profile-dropout.png"))
        case_profile.close()
        teaching = window.pages[3][1]
        window.nav.setCurrentRow(3)
        teaching.table.selectRow(0)
        log_window = teaching.open_selected()
        log_window.resize(1000, 620)
        settle()
        log_window.grab().save(str(out / "home-teaching-log.png"))
        log_window.visit_table.selectRow(0)
        visit = log_window.edit_visit()
        visit.resize(640, 760)
        settle()
        visit.grab().save(str(out / "home-teaching-visit.png"))
        visit.close()
        log_window.print_visit()
        wait_for(lambda: log_window.preview is not None)
        preview = log_window.preview
        preview.resize(900, 760)
        settle()
        preview.grab().save(str(out / "home-teaching-preview.png"))
        preview.close()
        log_window.close()
        with tempfile.TemporaryDirectory() as printouts:  # never inside the data folder (refused)
            pdf_pages = (render_pdfs(db, out, Path(printouts)) + render_register_pdfs(db, out, Path(printouts))
                         + render_observation_pdfs(db, out, Path(printouts))
                         + render_mentorship_pdfs(db, out, Path(printouts))
                         + render_activity_pdfs(db, out, Path(printouts)))
        activities = window.pages[6][1]
        window.nav.setCurrentRow(6)
        activities.table.selectRow(0)
        form = activities.edit_selected()
        form.resize(720, 800)
        settle()
        form.grab().save(str(out / "activity-dialog.png"))
        form.close()
        export = window.pages[8][1]
        window.nav.setCurrentRow(8)
        export.choose_semester(next(s for s in window.state.semesters if s.key.school_year == 2026 and s.key.term == 1).key)
        settle()
        window.grab().save(str(out / "main-window-export.png"))
        mentoring = window.pages[5][1]
        window.nav.setCurrentRow(5)
        mentoring.table.selectRow(0)
        pair_window = mentoring.open_selected()
        pair_window.resize(1000, 620)
        settle()
        pair_window.grab().save(str(out / "mentorship-pair.png"))
        pair_window.close()
        observations = window.pages[4][1]
        window.nav.setCurrentRow(4)
        observations.tabs.setCurrentIndex(1)
        settle()
        window.grab().save(str(out / "observation-quotas.png"))
        observations.tabs.setCurrentIndex(0)
        observations.table.selectRow(0)
        form = observations.edit_selected()
        form.resize(720, 800)
        settle()
        form.grab().save(str(out / "observation-dialog.png"))
        form.close()
        audit = window.pages[-1][1].users.open_audit()
        audit.since.set_value(None)
        audit.resize(1000, 520)
        settle()
        audit.grab().save(str(out / "audit-trail.png"))
        audit.close()
        dialog = pupils.open_import()
        task = dialog.preview(Path(__file__).resolve().parent / "sample-roster.xlsx")
        wait_for(lambda: not task.running)
        dialog.grab().save(str(out / "import-preview.png"))
        dialog.close()
        from schooldesk.ui.dialogs.home_teaching_dialogs import PlanDialog

        plan = PlanDialog(db, window.state.semester, parent=window, today=date(2026, 11, 24))
        plan.show()
        plan.start.set_value(date(2026, 9, 1))
        plan._start_edited()
        plan.teachers.set_checked(plan.teachers.list.item(0).data(256))
        plan.goals.boxes["康复训练"].setChecked(True)
        plan.pupil.setCurrentIndex(min(3, plan.pupil.count() - 1))
        plan.try_save()
        settle()
        if plan.past_start_question is not None:
            plan.past_start_question.grab().save(str(out / "plan-past-start-question.png"))
            plan.past_start_question.close()
        plan.grab().save(str(out / "plan-dialog.png"))
        plan.close()
        year = window.pages[11][1].open_new_school_year()
        year.resize(900, 700)
        settle()
        year.grab().save(str(out / "new-school-year.png"))
        year.close()
        summary_pages = shoot_summaries(window, out)
        from schooldesk.ui.crash import UnexpectedErrorDialog

        crash = UnexpectedErrorDialog("SchoolDesk 0.1.0\nTraceback …", window)
        crash.show()
        settle()
        crash.grab().save(str(out / "unexpected-error.png"))
        crash.close()
        window.close()
        empty = open_database(Path(folder) / "empty")
        empty.actor = command_line_rights()  # it acts as a command would
        wizard = SetupWizard(empty)
        wizard.show()
        settle()
        wizard.grab().save(str(out / "setup-wizard.png"))
        wizard.close()
        db.close()
        empty.close()
    QApplication.processEvents()
    print("\n".join(str(out / n) for n in [*SHOTS.values(), "pupil-profile.png", "import-preview.png", "setup-wizard.png",
                                           "home-teaching-log.png", "home-teaching-visit.png", "home-teaching-preview.png",
                                           "audit-trail.png", "pupil-profile-dropout.png", "plan-dialog.png",
                                           "plan-past-start-question.png", "new-school-year.png", "unexpected-error.png"]))
    print("\n".join(map(str, [*pdf_pages, *summary_pages])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
