"""The 汇总 store's schema: made by its own Alembic migrations on SQLite and on a real PostgreSQL server, its
version marked, a store of the first 汇总 (tables without a mark) taken over, a newer SchoolDesk's refused."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, text

from schooldesk.db.county_store import (
    MIGRATIONS_DIR, STORE_FILE, STORE_HEAD, VERSION_TABLE, CountyBase, known_schools, open_store, save_bundle,
    store_revision, store_session,
)
from schooldesk.db.migrate import alembic_config
from schooldesk.domain.errors import StorageError
from schooldesk.i18n import error_text

SHEET = ("控辍保学台账.xlsx", "留守儿童台账", "留守儿童台账", False, ["姓名"], [["安然"], ["李想"]])


def _save_one(engine: Engine) -> None:
    with store_session(engine) as session:
        save_bundle(session, code="2141051203", name="青山镇中心小学", township="青山镇", county="示范县",
                    semester="2026-2027-1", exported_at=datetime(2026, 12, 1, 9, 30), app_version="0.9",
                    source="E:\\青山镇中心小学.zip", sheets=[SHEET])
        session.commit()


def _raw_engine(database: str | None, out: Path) -> Engine:
    """The same store without open_store: as another program (or an older SchoolDesk) sees it."""
    if database is None:
        out.mkdir(parents=True, exist_ok=True)
        return create_engine(f"sqlite:///{out / STORE_FILE}")
    return create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))


def test_the_store_head_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config(None, MIGRATIONS_DIR)).get_current_head() == STORE_HEAD


def test_a_new_store_is_made_by_its_migrations_and_matches_the_models(store_database: str | None,
                                                                     tmp_path: Path) -> None:
    engine = open_store(store_database, tmp_path / "out")
    try:
        with engine.connect() as connection:
            assert store_revision(connection) == STORE_HEAD
            assert connection.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar_one() == 1
            assert compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True, "version_table": VERSION_TABLE}),
                                    CountyBase.metadata) == []
        _save_one(engine)
    finally:
        engine.dispose()
    again = open_store(store_database, tmp_path / "out")  # opened again: nothing to do, nothing lost
    try:
        with store_session(again) as session:
            assert [s.name for s in known_schools(session)] == ["青山镇中心小学"]
    finally:
        again.dispose()


def test_a_store_of_the_first_merge_without_a_version_mark_is_taken_over(store_database: str | None,
                                                                          tmp_path: Path) -> None:
    raw = _raw_engine(store_database, tmp_path / "out")
    CountyBase.metadata.create_all(raw)  # as the first 汇总 made its tables
    _save_one(raw)
    raw.dispose()
    engine = open_store(store_database, tmp_path / "out")
    try:
        with engine.connect() as connection:
            assert store_revision(connection) == STORE_HEAD
        with store_session(engine) as session:
            assert [s.name for s in known_schools(session)] == ["青山镇中心小学"]
    finally:
        engine.dispose()


def test_a_store_of_a_newer_schooldesk_is_refused_and_left_as_it_is(store_database: str | None, tmp_path: Path,
                                                                     zh_app) -> None:  # type: ignore[no-untyped-def]
    engine = open_store(store_database, tmp_path / "out")
    _save_one(engine)
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'county_0099'"))
    engine.dispose()
    with pytest.raises(StorageError) as refused:
        open_store(store_database, tmp_path / "out")
    said = error_text(refused.value)
    assert "county_0099" in said and "更新版本" in said, said  # in the user's language
    raw = _raw_engine(store_database, tmp_path / "out")
    try:
        with raw.connect() as connection:
            assert store_revision(connection) == "county_0099"
            assert connection.execute(text("SELECT count(*) FROM merged_sheet")).scalar_one() == 1
    finally:
        raw.dispose()
