"""audit trail

Revision ID: 20261124_0005
Revises: 20261124_0004
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0005'
down_revision = '20261124_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=50), nullable=False),
    sa.Column('record_id', sa.String(length=50), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_table_name'), ['table_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_username'), ['username'], unique=False)
    # The trail is append-only: nothing in the app (or a careless script) may rewrite or remove it.
    op.execute("CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
               "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END")
    op.execute("CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
               "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END")


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_entry_no_delete")
    op.execute("DROP TRIGGER audit_entry_no_update")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_username'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_table_name'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
