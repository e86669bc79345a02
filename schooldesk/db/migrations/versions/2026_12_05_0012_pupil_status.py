"""pupil_status: each pupil's status from a day on, so reports count pupils as they were on the day reported
(a new school year prepared in December dates its 毕业 next July and changes nothing before then)

Revision ID: 20261205_0012
Revises: 20261201_0011
Create Date: 2026-12-05
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261205_0012'
down_revision = '20261201_0011'
branch_labels = None
depends_on = None

ON_ROLL_BEFORE = "在读"  # what a pupil who left (转出, 毕业, 辍学 …) on a known day was before it
ARRIVED = "转入"


def upgrade() -> None:
    statuses = op.create_table('pupil_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_pupil_status_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pupil_status'))
    )
    with op.batch_alter_table('pupil_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pupil_status_pupil_id'), ['pupil_id'], unique=False)
    pupil = sa.table('pupil', sa.column('id', sa.Integer()), sa.column('status', sa.String()),
                     sa.column('status_date', sa.Date()))
    rows = []
    for pupil_id, status, since in op.get_bind().execute(sa.select(pupil.c.id, pupil.c.status, pupil.c.status_date)):
        if since is not None and status not in (ON_ROLL_BEFORE, ARRIVED):
            rows.append({"pupil_id": pupil_id, "status": ON_ROLL_BEFORE, "from_date": None})
        rows.append({"pupil_id": pupil_id, "status": status, "from_date": since})
    if rows:
        op.get_bind().execute(sa.insert(statuses), rows)


def downgrade() -> None:
    with op.batch_alter_table('pupil_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pupil_status_pupil_id'))
    op.drop_table('pupil_status')
