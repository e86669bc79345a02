"""Data safety through the GUI: backups in Settings, restore, backup on close, damaged file, one instance."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from schooldesk.db.backups import list_backups, take_backup
from schooldesk.db.database import BACKUP_DIRNAME, Database, database_path
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.instance_lock import lock_data_dir
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, list_teachers
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.startup import open_for_gui
from schooldesk.ui.state import AppState
from tests.builders import open_as_command

PAGE_SETTINGS = 12


def _settings(qtbot, db: Database) -> tuple[MainWindow, object]:  # type: ignore[no-untyped-def]
    window = MainWindow(AppState(db))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(PAGE_SETTINGS)
    return window, window.current_page().backups


def test_back_up_now_and_restore_from_settings(qtbot, zh_app, school_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add_teacher(school_db, TeacherInput(name="甲老师", gender="男"))
    window, box = _settings(qtbot, school_db)
    assert box.model.rowCount() == 0
    box.backup_button.click()
    qtbot.waitUntil(lambda: not box.task.running, timeout=30000)  # off the GUI thread
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)
    assert box.model.index(0, 1).data() == "手动"
    add_teacher(window.state.db, TeacherInput(name="乙老师", gender="女"))

    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    box.table.selectRow(0)
    box.restore_button.click()
    qtbot.waitUntil(lambda: not box.task.running, timeout=30000)
    assert "可以撤销" in asked[0]
    assert [t.name for t in list_teachers(window.state.db)] == ["甲老师"]
    qtbot.waitUntil(lambda: box.model.rowCount() == 2)
    reasons = sorted(box.model.index(r, 1).data() for r in range(box.model.rowCount()))
    assert reasons == ["恢复前", "手动"], "the state before the restore was backed up first"


def test_declining_the_restore_changes_nothing(qtbot, zh_app, school_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, box = _settings(qtbot, school_db)
    box.backup_button.click()
    qtbot.waitUntil(lambda: not box.task.running, timeout=30000)
    add_teacher(window.state.db, TeacherInput(name="乙老师", gender="女"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    box.table.selectRow(0)
    box.restore_button.click()
    assert [t.name for t in list_teachers(window.state.db)] == ["乙老师"]


def test_back_up_to_a_usb_folder(qtbot, zh_app, school_db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

    from schooldesk.ui.saving import last_folder

    stick = tmp_path / "usb"
    stick.mkdir()
    from PySide6.QtCore import QStandardPaths

    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    home = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))
    # the first time: Documents — or, where there is none, the home folder (never a folder that is not there,
    # which would put the word "Documents" into the file-name box)
    assert last_folder("backup") == (documents if documents.is_dir() else home)
    assert last_folder("backup").is_dir()
    _window, box = _settings(qtbot, school_db)
    box.usb_button.click()
    chooser = box.findChild(QFileDialog, "backupFileDialog")
    chooser.setDirectory(str(stick))
    chooser.selectFile(str(stick))
    chooser.accept()
    sealing = box.findChild(QInputDialog, "sealDialog")
    sealing.textValueSelected.emit("")  # no password: a plain copy
    qtbot.waitUntil(lambda: not box.task.running, timeout=30000)
    assert len(list_backups(stick)) == 1
    assert box.model.rowCount() == 0, "a copy on the stick is not one of the data folder's backups"
    saved = box.findChild(QMessageBox, "savedBox")
    assert saved is not None and str(stick) in saved.text()  # says where it went
    opened: list[str] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    saved.findChild(QPushButton, "openFolder").click()
    assert [Path(p) for p in opened] == [stick]  # (Qt gives C:/… on Windows)
    box.ask_password(stick).textValueSelected.emit("保密的口令 1234")
    qtbot.waitUntil(lambda: not box.task.running, timeout=30000)
    [sealed] = list(stick.glob("schooldesk-*-manual.zip"))
    assert b"SQLite format 3" not in sealed.read_bytes()
    assert last_folder("backup") == stick  # the next dialog for a backup opens there


def test_closing_the_window_takes_a_backup(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    window, _box = _settings(qtbot, school_db)
    window.close()
    assert [b.reason for b in list_backups(school_db.path.parent / BACKUP_DIRNAME)] == ["close"]


def test_daily_backup_only_once_a_day(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    state = AppState(school_db)
    assert state.back_up_if_due() is not None
    assert state.back_up_if_due() is None
    assert len(list_backups(state.backup_dir)) == 1


def test_damaged_database_at_start_offers_the_backup(qtbot, zh_app, data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="甲老师", gender="男"))
    take_backup(db.path, data_dir / BACKUP_DIRNAME)
    db.close()
    path = database_path(data_dir)
    raw = bytearray(path.read_bytes())
    raw[0:4096] = os.urandom(4096)
    path.write_bytes(bytes(raw))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    opened = open_for_gui(data_dir)
    assert opened is not None
    lock, db = opened
    try:
        assert "数据库已损坏" in asked[0] and "恢复最新的完好备份" in asked[0]
        assert [t.name for t in list_teachers(db)] == ["甲老师"]
        assert list(data_dir.glob("schooldesk.damaged-*.sqlite3")), "the damaged file is kept aside"
    finally:
        db.close()
        lock.unlock()


def test_a_second_copy_on_the_same_folder_is_refused(qtbot, zh_app, data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: told.append(text))
    first = lock_data_dir(data_dir)
    try:
        assert open_for_gui(data_dir) is None
        assert "正在使用这个数据文件夹" in told[0]
    finally:
        first.unlock()
    opened = open_for_gui(data_dir)
    assert opened is not None
    opened[1].close()
    opened[0].unlock()


def test_a_program_ended_from_task_manager_leaves_no_lock_that_refuses_the_next_start(data_dir: Path) -> None:
    """Ended hard (TerminateProcess on Windows, SIGKILL elsewhere) while it held the folder; and a lock file left
    by an earlier process whose number Windows has since given to this one."""
    import subprocess
    import sys

    from PySide6.QtCore import QLockFile

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from schooldesk.instance_lock import lock_data_dir; "
        "lock = lock_data_dir(Path(sys.argv[1])); print('held', flush=True); time.sleep(120)"), str(data_dir)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SchoolDeskError, match="using this data folder"):
            lock_data_dir(data_dir)
    finally:
        holder.kill()  # as Task Manager's End task does
        holder.wait()
    assert (data_dir / "schooldesk.lock").exists()  # left behind
    lock_data_dir(data_dir).unlock()
    probe = QLockFile(str(data_dir / "schooldesk.lock"))  # what this process writes in a lock file …
    assert probe.tryLock(0)
    ours = (data_dir / "schooldesk.lock").read_bytes()
    probe.unlock()
    (data_dir / "schooldesk.lock").write_bytes(ours)  # … left by an earlier process that had our number
    second = lock_data_dir(data_dir)  # our own number, but not our lock
    try:
        with pytest.raises(SchoolDeskError, match="using this data folder"):
            lock_data_dir(data_dir)  # while this process really holds it, it stays held
    finally:
        second.unlock()
