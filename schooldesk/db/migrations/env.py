"""Alembic environment: always run on a connection handed in by schooldesk.db.migrate."""
from __future__ import annotations

from alembic import context
from sqlalchemy import text

from schooldesk.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
    problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if problems:
        # Raising here rolls the whole migration back: no half-migrated file is ever committed.
        raise RuntimeError(f"foreign_key_check failed after migration: {len(problems)} rows")
