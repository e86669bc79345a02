"""Bring a database file to the schema this code expects, copying it first when it has data."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, text

from schooldesk.db.backups import take_backup
from schooldesk.db.schema import HEAD_REVISION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the file, read with plain SQL so Alembic stays unloaded."""
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one() > 0


def alembic_config(connection: Connection | None = None, migrations: Path = MIGRATIONS_DIR):  # -> alembic Config
    """A Config without an ini file (the installer ships migrations as data beside the code): the school's
    database's *migrations*, or the 汇总 store's."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    cfg.attributes["connection"] = connection
    return cfg


def run_alembic(engine: Engine, revision: str = "head", *, downgrade: bool = False) -> None:
    """Run migrations in one transaction with foreign keys off (batch migrations copy tables)."""
    from alembic import command

    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys = OFF")  # only takes effect outside a transaction
        try:
            cfg = alembic_config(conn)
            if downgrade:
                command.downgrade(cfg, revision)
            else:
                command.upgrade(cfg, revision)
            conn.commit()
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upgrade_to_head(engine: Engine, db_path: Path, backup_dir: Path) -> Path | None:
    """Migrate if needed; returns the pre-migration copy when one was taken."""
    if current_revision(engine) == HEAD_REVISION:
        return None
    copy = None
    if _has_tables(engine):
        copy = take_backup(db_path, backup_dir, reason="pre-migration").path
    run_alembic(engine)
    return copy
