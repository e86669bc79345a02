"""initial schema: school, semester, teacher, class, user

Revision ID: 20261124_0001
Revises: (none)
Create Date: 2026-11-24 05:47:39.380679
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('school',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('county', sa.String(length=50), nullable=False),
    sa.Column('township', sa.String(length=50), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('principal', sa.String(length=30), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school'))
    )
    op.create_table('semester',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('term', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.CheckConstraint('end_date > start_date', name=op.f('ck_semester_dates')),
    sa.CheckConstraint('term IN (1, 2)', name=op.f('ck_semester_term')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_semester')),
    sa.UniqueConstraint('school_year', 'term', name='year_term')
    )
    op.create_table('teacher',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=False),
    sa.Column('subjects', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_app_user_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('school_class',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('head_teacher_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('grade BETWEEN 1 AND 9', name=op.f('ck_school_class_grade')),
    sa.ForeignKeyConstraint(['head_teacher_id'], ['teacher.id'], name=op.f('fk_school_class_head_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_class')),
    sa.UniqueConstraint('school_year', 'grade', 'number', name='year_grade_number')
    )
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_class_head_teacher_id'), ['head_teacher_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_class_head_teacher_id'))

    op.drop_table('school_class')
    op.drop_table('app_user')
    op.drop_table('teacher')
    op.drop_table('semester')
    op.drop_table('school')
