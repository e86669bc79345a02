"""Alembic environment of the receiver's store (汇总, db/county_store.py): always run on a connection handed in
by county_store.upgrade_store, on SQLite or PostgreSQL alike. Its version mark is a table of its own, so a
county's PostgreSQL database may hold other things beside it."""
from __future__ import annotations

from alembic import context

from schooldesk.db.county_store import VERSION_TABLE, CountyBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=CountyBase.metadata, version_table=VERSION_TABLE,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
