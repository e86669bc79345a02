"""audit chain: every entry carries the SHA-256 of the one before and itself; the head is kept apart

Revision ID: 20261124_0008
Revises: 20261124_0007
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0008'
down_revision = '20261124_0007'
branch_labels = None
depends_on = None

NO_UPDATE = ("CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
             "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END")


def upgrade() -> None:
    from schooldesk.db.audit import entry_digest

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('chain', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")  # the chain is written once, here
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain', sa.String(length=64), server_default='', nullable=False))
    entry = sa.table("audit_entry", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                     sa.column("username", sa.String), sa.column("action", sa.String),
                     sa.column("table_name", sa.String), sa.column("record_id", sa.String),
                     sa.column("label", sa.String), sa.column("changes", sa.JSON), sa.column("chain", sa.String))
    bind = op.get_bind()
    chain, last_id = "", 0
    for row in bind.execute(sa.select(entry).order_by(entry.c.id)).all():
        chain = entry_digest(chain, row.at, row.username, row.action, row.table_name, row.record_id, row.label,
                             row.changes)
        bind.execute(sa.update(entry).where(entry.c.id == row.id).values(chain=chain))
        last_id = row.id
    bind.execute(sa.text("INSERT INTO audit_head (id, last_id, chain) VALUES (1, :last, :chain)"),
                 {"last": last_id, "chain": chain})
    op.execute(NO_UPDATE)


NO_DELETE = ("CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
             "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END")


def downgrade() -> None:
    for trigger in ("audit_entry_no_update", "audit_entry_no_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:  # copies the table: triggers made anew
        batch_op.drop_column('chain')
    op.execute(NO_UPDATE)
    op.execute(NO_DELETE)
    op.drop_table('audit_head')
