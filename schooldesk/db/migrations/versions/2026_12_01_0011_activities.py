"""activities: kinds kept as data (the default ones added), activities with their teachers and pupils, and
a 劝返 visit recorded as a 家访 linked to it

Revision ID: 20261201_0011
Revises: 20261201_0010
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261201_0011'
down_revision = '20261201_0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    kinds = op.create_table('activity_kind',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_kind')),
    sa.UniqueConstraint('code', name=op.f('uq_activity_kind_code'))
    )
    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('outside_people', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['kind_id'], ['activity_kind.id'], name=op.f('fk_activity_kind_id_activity_kind'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organiser_id'], ['teacher.id'], name=op.f('fk_activity_organiser_id_teacher'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_kind_id'), ['kind_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_organiser_id'), ['organiser_id'], unique=False)

    op.create_table('activity_pupil',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_pupil_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_activity_pupil_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'pupil_id', name=op.f('pk_activity_pupil'))
    )
    with op.batch_alter_table('activity_pupil', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_pupil_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('activity_teacher',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_teacher_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_activity_teacher_teacher_id_teacher'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('activity_id', 'teacher_id', name=op.f('pk_activity_teacher'))
    )
    with op.batch_alter_table('return_visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activity_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_return_visit_activity_id'), ['activity_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_return_visit_activity_id_activity'), 'activity', ['activity_id'], ['id'], ondelete='CASCADE')
    _add_default_kinds(kinds)


def _add_default_kinds(kinds: sa.Table) -> None:
    """The kinds every school starts with, as the domain defines them today (the school edits its own)."""
    from schooldesk.domain.activities import DEFAULT_KINDS, kind_json

    op.get_bind().execute(sa.insert(kinds), [
        {"code": k.code, "name": k.name, "position": n, "hidden": False, "definition": kind_json(k)}
        for n, k in enumerate(DEFAULT_KINDS)])



def downgrade() -> None:
    with op.batch_alter_table('return_visit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_return_visit_activity_id_activity'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_return_visit_activity_id'))
        batch_op.drop_column('activity_id')

    op.drop_table('activity_teacher')
    with op.batch_alter_table('activity_pupil', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_pupil_pupil_id'))

    op.drop_table('activity_pupil')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_organiser_id'))
        batch_op.drop_index(batch_op.f('ix_activity_kind_id'))
        batch_op.drop_index(batch_op.f('ix_activity_date'))

    op.drop_table('activity')
    op.drop_table('activity_kind')
