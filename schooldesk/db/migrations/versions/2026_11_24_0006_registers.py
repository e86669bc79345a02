"""registers: dropout-case stage (疑似辍学 / 辍学); left-behind details of the national registration form

Revision ID: 20261124_0006
Revises: 20261124_0005
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0006'
down_revision = '20261124_0005'
branch_labels = None
depends_on = None

_care = sa.table("care_record", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                 sa.column("details", sa.JSON))


def _rename_detail(old: str, new: str) -> None:
    """Left-behind records keep their values: who looked after the child is now the form's 委托监护人."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_care.c.id, _care.c.details).where(_care.c.kind == "left_behind")).all()
    for record_id, details in rows:
        details = dict(details or {})
        if old in details and new not in details:
            details[new] = details.pop(old)
            bind.execute(sa.update(_care).where(_care.c.id == record_id).values(details=details))


def upgrade() -> None:
    with op.batch_alter_table('dropout_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.String(length=10), nullable=False, server_default='辍学'))
    _rename_detail("guardian", "carer_name")


def downgrade() -> None:
    _rename_detail("carer_name", "guardian")
    with op.batch_alter_table('dropout_case', schema=None) as batch_op:
        batch_op.drop_column('stage')
