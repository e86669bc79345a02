"""lesson observation: teachers' 职务, rubrics with versions (the two shipped ones added), observations with
their item scores and 一听二看三查阅 checks

Revision ID: 20261201_0009
Revises: 20261124_0008
Create Date: 2026-12-01
"""
from __future__ import annotations

from datetime import datetime

from alembic import op
import sqlalchemy as sa


revision = '20261201_0009'
down_revision = '20261124_0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    rubric = op.create_table('rubric',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric'))
    )
    version = op.create_table('rubric_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rubric_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['rubric_id'], ['rubric.id'], name=op.f('fk_rubric_version_rubric_id_rubric'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric_version')),
    sa.UniqueConstraint('rubric_id', 'number', name='rubric_number')
    )
    with op.batch_alter_table('rubric_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rubric_version_rubric_id'), ['rubric_id'], unique=False)

    op.create_table('teacher_duty',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('duty', sa.String(length=10), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_teacher_duty_dates')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_duty_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_duty'))
    )
    with op.batch_alter_table('teacher_duty', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_duty_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('observer_id', sa.Integer(), nullable=False),
    sa.Column('taught_teacher_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.Column('lesson_type', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('process_record', sa.Text(), nullable=False),
    sa.Column('rubric_version_id', sa.Integer(), nullable=True),
    sa.Column('highlights', sa.Text(), nullable=False),
    sa.Column('suggestions', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_observation_class_id_school_class'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['observer_id'], ['teacher.id'], name=op.f('fk_observation_observer_id_teacher'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['rubric_version_id'], ['rubric_version.id'], name=op.f('fk_observation_rubric_version_id_rubric_version'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['taught_teacher_id'], ['teacher.id'], name=op.f('fk_observation_taught_teacher_id_teacher'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_observer_id'), ['observer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_rubric_version_id'), ['rubric_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_taught_teacher_id'), ['taught_teacher_id'], unique=False)

    op.create_table('observation_check',
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=4), nullable=False),
    sa.Column('comment', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_observation_check_observation_id_observation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('observation_id', 'item', name=op.f('pk_observation_check'))
    )
    op.create_table('observation_score',
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_observation_score_observation_id_observation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('observation_id', 'position', name=op.f('pk_observation_score'))
    )
    _add_shipped_rubrics(rubric, version)


def _add_shipped_rubrics(rubric: sa.Table, version: sa.Table) -> None:
    """The two rubrics every school starts with, as the domain defines them today (a school edits its own
    copy; a later change of the definitions in code never reaches a database migrated before it)."""
    from schooldesk.domain.rubrics import SHIPPED, rubric_json

    bind = op.get_bind()
    for number, definition in enumerate(SHIPPED, 1):
        bind.execute(sa.insert(rubric), [{"id": number, "name": definition.name, "active": True}])
        bind.execute(sa.insert(version), [{"rubric_id": number, "number": 1, "definition": rubric_json(definition),
                                           "created_at": datetime(2026, 12, 1)}])


def downgrade() -> None:
    op.drop_table('observation_score')
    op.drop_table('observation_check')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_taught_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_observation_rubric_version_id'))
        batch_op.drop_index(batch_op.f('ix_observation_observer_id'))
        batch_op.drop_index(batch_op.f('ix_observation_date'))
        batch_op.drop_index(batch_op.f('ix_observation_class_id'))

    op.drop_table('observation')
    with op.batch_alter_table('teacher_duty', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_duty_teacher_id'))

    op.drop_table('teacher_duty')
    with op.batch_alter_table('rubric_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rubric_version_rubric_id'))

    op.drop_table('rubric_version')
    op.drop_table('rubric')
