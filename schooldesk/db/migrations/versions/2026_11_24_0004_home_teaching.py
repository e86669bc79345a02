"""home-delivered teaching and photos

Revision ID: 20261124_0004
Revises: 20261124_0003
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0004'
down_revision = '20261124_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo')),
    sa.UniqueConstraint('sha256', name=op.f('uq_photo_sha256'))
    )
    op.create_table('home_teaching_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('term', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('goals', sa.JSON(), nullable=False),
    sa.Column('goal_notes', sa.Text(), nullable=False),
    sa.Column('schedule', sa.Text(), nullable=False),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_home_teaching_plan_dates')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_home_teaching_plan_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_teaching_plan')),
    sa.UniqueConstraint('pupil_id', 'school_year', 'term', name='pupil_semester')
    )
    with op.batch_alter_table('home_teaching_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_teaching_plan_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('home_teaching_plan_teacher',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['home_teaching_plan.id'], name=op.f('fk_home_teaching_plan_teacher_plan_id_home_teaching_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_home_teaching_plan_teacher_teacher_id_teacher'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('plan_id', 'teacher_id', name=op.f('pk_home_teaching_plan_teacher'))
    )
    op.create_table('home_teaching_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('content_kinds', sa.JSON(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('performance', sa.Text(), nullable=False),
    sa.Column('guardian_feedback', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_home_teaching_visit_times')),
    sa.ForeignKeyConstraint(['plan_id'], ['home_teaching_plan.id'], name=op.f('fk_home_teaching_visit_plan_id_home_teaching_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_teaching_visit'))
    )
    with op.batch_alter_table('home_teaching_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_teaching_visit_plan_id'), ['plan_id'], unique=False)

    op.create_table('home_teaching_visit_photo',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['photo_id'], ['photo.id'], name=op.f('fk_home_teaching_visit_photo_photo_id_photo'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['visit_id'], ['home_teaching_visit.id'], name=op.f('fk_home_teaching_visit_photo_visit_id_home_teaching_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'photo_id', name=op.f('pk_home_teaching_visit_photo'))
    )
    op.create_table('home_teaching_visit_teacher',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_home_teaching_visit_teacher_teacher_id_teacher'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['visit_id'], ['home_teaching_visit.id'], name=op.f('fk_home_teaching_visit_teacher_visit_id_home_teaching_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'teacher_id', name=op.f('pk_home_teaching_visit_teacher'))
    )


def downgrade() -> None:
    op.drop_table('home_teaching_visit_teacher')
    op.drop_table('home_teaching_visit_photo')
    with op.batch_alter_table('home_teaching_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_teaching_visit_plan_id'))

    op.drop_table('home_teaching_visit')
    op.drop_table('home_teaching_plan_teacher')
    with op.batch_alter_table('home_teaching_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_teaching_plan_pupil_id'))

    op.drop_table('home_teaching_plan')
    op.drop_table('photo')
