"""teacher file: training, 师德, honours and exchanges per teacher; outside observers as teachers marked
`outside`; the visits the school received and their 整改 items

Revision ID: 20261206_0014
Revises: 20261205_0013
Create Date: 2026-12-06
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261206_0014'
down_revision = '20261205_0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('school_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('visitors', sa.String(length=200), nullable=False),
    sa.Column('checked', sa.Text(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_visit'))
    )
    with op.batch_alter_table('school_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_visit_date'), ['date'], unique=False)

    op.create_table('teacher_ethics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('grade', sa.String(length=10), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('handling', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_ethics_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_ethics'))
    )
    with op.batch_alter_table('teacher_ethics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_ethics_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_ethics_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('teacher_exchange',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_teacher_exchange_dates')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_exchange_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_exchange'))
    )
    with op.batch_alter_table('teacher_exchange', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_exchange_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_exchange_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('teacher_honour',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('award', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('issuer', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_honour_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_honour'))
    )
    with op.batch_alter_table('teacher_honour', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_honour_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_honour_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('teacher_training',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('organiser', sa.String(length=100), nullable=False),
    sa.Column('certificate', sa.String(length=60), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_teacher_training_dates')),
    sa.CheckConstraint('hours > 0', name=op.f('ck_teacher_training_hours')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_training_teacher_id_teacher'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_training'))
    )
    with op.batch_alter_table('teacher_training', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_training_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_training_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('visit_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closing', sa.String(length=200), nullable=False),
    sa.CheckConstraint("closed_on IS NULL OR closing <> ''", name=op.f('ck_visit_action_closing')),
    sa.ForeignKeyConstraint(['visit_id'], ['school_visit.id'], name=op.f('fk_visit_action_visit_id_school_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_action'))
    )
    with op.batch_alter_table('visit_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_action_visit_id'), ['visit_id'], unique=False)

    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outside', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('organisation', sa.String(length=60), server_default='', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_column('organisation')
        batch_op.drop_column('outside')

    with op.batch_alter_table('visit_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_action_visit_id'))

    op.drop_table('visit_action')
    with op.batch_alter_table('teacher_training', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_training_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_training_start_date'))

    op.drop_table('teacher_training')
    with op.batch_alter_table('teacher_honour', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_honour_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_honour_date'))

    op.drop_table('teacher_honour')
    with op.batch_alter_table('teacher_exchange', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_exchange_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_exchange_start_date'))

    op.drop_table('teacher_exchange')
    with op.batch_alter_table('teacher_ethics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_ethics_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_ethics_date'))

    op.drop_table('teacher_ethics')
    with op.batch_alter_table('school_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_visit_date'))

    op.drop_table('school_visit')
