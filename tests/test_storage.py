"""The SQLite file: migrations, pragmas, transactional DDL, known failures."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from schooldesk.db.database import DamagedDatabaseError, Database, database_path
from schooldesk.db.engine import make_engine
from schooldesk.db.migrate import alembic_config, current_revision, run_alembic
from schooldesk.db.models import Base
from schooldesk.db.schema import HEAD_REVISION
from schooldesk.domain.errors import StorageError
from schooldesk.services.teachers import add_teacher, list_teachers
from schooldesk.services.rows import TeacherInput
from tests.builders import open_as_command

TABLES = {"school", "semester", "teacher", "school_class", "app_user", "alembic_version"}


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_head_constant_matches_migrations() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_migrates_an_empty_folder(data_dir: Path) -> None:
    db = open_as_command(data_dir)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        assert TABLES <= set(inspect(db.engine).get_table_names())
        assert not (data_dir / "backups").exists()  # nothing to protect in a new file
    finally:
        db.close()


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


@pytest.mark.parametrize("revision", _revisions())
def test_each_revision_upgrades_from_the_previous_one_keeping_data(data_dir: Path, revision: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    previous = script.get_revision(revision).down_revision or "base"
    path = database_path(data_dir)
    data_dir.mkdir(parents=True)
    engine = make_engine(path)
    if previous != "base":
        run_alembic(engine, previous)
    with engine.begin() as conn:  # a user table from before, so the file "has data"
        conn.execute(text("CREATE TABLE IF NOT EXISTS keepme (x INTEGER)"))
        conn.execute(text("INSERT INTO keepme VALUES (42)"))
    engine.dispose()

    db = open_as_command(data_dir)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT x FROM keepme")).scalar() == 42
            assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        db.close()
    copies = list((data_dir / "backups").glob("schooldesk-*-pre-migration.sqlite3"))
    assert len(copies) == 1, "an existing file is copied before it is migrated"
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT x FROM keepme").fetchone() == (42,)


def test_downgrade_then_upgrade_round_trip(db: Database) -> None:
    run_alembic(db.engine, "base", downgrade=True)
    assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
    run_alembic(db.engine)
    assert current_revision(db.engine) == HEAD_REVISION


def test_pragmas_in_force(db: Database) -> None:
    with db.transaction() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_ddl_is_transactional(db: Database) -> None:
    """pysqlite would commit DDL on its own; our BEGIN makes a failed batch roll back whole."""
    with pytest.raises(RuntimeError):
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("migration failed half-way")
    assert "scratch" not in inspect(db.engine).get_table_names()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with db.transaction() as session:
            session.execute(text(
                "INSERT INTO school_class (school_year, grade, number, name, head_teacher_id, active) "
                "VALUES (2025, 1, 1, 'x', 999, 1)"))


def test_a_failed_transaction_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        with db.transaction() as session:
            from schooldesk.db.models import Teacher

            session.add(Teacher(name="张三", gender="男"))
            session.flush()
            raise RuntimeError("power cut")
    assert list_teachers(db) == []


def test_a_damaged_file_is_moved_aside_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    junk = b"this is not a database" * 100
    path.write_bytes(junk)
    with pytest.raises(DamagedDatabaseError, match="damaged") as caught:
        open_as_command(data_dir)
    assert not path.exists()
    assert caught.value.moved_to.read_bytes() == junk
    assert caught.value.newest_backup is None
    fresh = open_as_command(data_dir)  # the next start begins a new, empty file beside the damaged one
    fresh.close()
    assert caught.value.moved_to.read_bytes() == junk


def test_a_folder_that_cannot_be_created_is_a_known_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot be created"):
        open_as_command(blocker / "data")


def test_data_survives_reopening(data_dir: Path) -> None:
    db = open_as_command(data_dir)
    add_teacher(db, TeacherInput(name="李老师", gender="女"))
    db.close()
    db = open_as_command(data_dir)
    try:
        assert [t.name for t in list_teachers(db)] == ["李老师"]
    finally:
        db.close()
