"""The audit trail is a chain: an emptied, shortened, edited or gapped trail is found by check."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from schooldesk.db.audit import check_chain
from schooldesk.db.database import database_path, make_engine
from schooldesk.services.health import check_database
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, update_teacher
from tests.builders import open_as_command


@pytest.fixture
def trail(db):  # type: ignore[no-untyped-def]
    for number in range(5):
        teacher = add_teacher(db, TeacherInput(name=f"老师{number}", gender="男"))
        update_teacher(db, teacher.id, TeacherInput(name=f"老师{number}", gender="男", phone="13800000000"))
    with db.transaction() as session:
        check = check_chain(session)
    assert check.intact and check.entries == 10
    return db


def _tamper(db, *statements: str) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_entry_no_update"))
        conn.execute(text("DROP TRIGGER audit_entry_no_delete"))
        for statement in statements:
            conn.execute(text(statement))


@pytest.mark.parametrize(("statements", "broken_at", "missing_after"), [
    (["DELETE FROM audit_entry"], None, 0),
    (["DELETE FROM audit_entry WHERE id > 7"], None, 7),
    (["DELETE FROM audit_entry WHERE id = 4"], 5, None),
    (["UPDATE audit_entry SET username = 'nobody' WHERE id = 6"], 6, None),
    (["UPDATE audit_entry SET changes = '{}' WHERE id = 9"], 9, None),
])
def test_tampering_is_found(trail, statements: list[str], broken_at: int | None,  # type: ignore[no-untyped-def]
                            missing_after: int | None) -> None:
    _tamper(trail, *statements)
    report = check_database(trail)
    assert report.audit is not None and not report.healthy
    assert (report.audit.broken_at, report.audit.missing_after) == (broken_at, missing_after)


def test_check_says_where_the_trail_breaks(trail) -> None:  # type: ignore[no-untyped-def]
    data = trail.path.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ok = subprocess.run([sys.executable, "-m", "schooldesk", "check", "--data-dir", str(data)], capture_output=True,
                        text=True, env=env, timeout=120)
    assert ok.returncode == 0 and "审计日志完整（10 条）" in ok.stdout, ok.stdout
    _tamper(trail, "DELETE FROM audit_entry")
    trail.close()
    emptied = subprocess.run([sys.executable, "-m", "schooldesk", "check", "--data-dir", str(data)],
                             capture_output=True, text=True, env=env, timeout=120)
    assert emptied.returncode == 1 and "审计日志已被破坏" in emptied.stdout, emptied.stdout


def test_an_existing_trail_is_chained_by_the_migration(data_dir: Path) -> None:
    from schooldesk.db.migrate import run_alembic

    data_dir.mkdir(parents=True)
    engine = make_engine(database_path(data_dir))
    run_alembic(engine, "20261124_0007")
    with engine.begin() as conn:
        for number in range(3):
            conn.execute(text("INSERT INTO audit_entry (at, username, action, table_name, record_id, label, changes) "
                              "VALUES ('2026-11-01 08:00:00', 'admin', 'create', 'teacher', :id, '王老师', "
                              "'{\"name\": [null, \"王老师\"]}')"), {"id": str(number)})
    engine.dispose()
    db = open_as_command(data_dir)
    try:
        add_teacher(db, TeacherInput(name="李老师", gender="女"))
        with db.transaction() as session:
            check = check_chain(session)
        assert check.intact and check.entries > 3
    finally:
        db.close()


def test_the_audit_window_shows_whether_the_trail_is_whole(qtbot, zh_app, trail) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.ui.audit_dialog import AuditDialog

    dialog = AuditDialog(trail)
    qtbot.addWidget(dialog)
    assert dialog.chain_label.text() == "审计日志完整（10 条）。"
    _tamper(trail, "UPDATE audit_entry SET label = 'x' WHERE id = 2")
    dialog.show_chain()
    assert "第 2 条" in dialog.chain_label.text() and "破坏" in dialog.chain_label.text()
