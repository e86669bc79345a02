"""pupils and dropout-prevention files

Revision ID: 20261124_0003
Revises: 20261124_0002
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0003'
down_revision = '20261124_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pupil',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('name_keys', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('ethnicity', sa.String(length=20), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('student_number', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('household_registration', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('boarding', sa.String(length=4), nullable=False),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('way_to_school', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pupil')),
    sa.UniqueConstraint('id_number', name=op.f('uq_pupil_id_number')),
    sa.UniqueConstraint('student_number', name=op.f('uq_pupil_student_number'))
    )
    op.create_table('school_setting',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_school_setting'))
    )
    op.create_table('care_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('responsible_teacher_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_care_record_dates')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_care_record_pupil_id_pupil'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_teacher_id'], ['teacher.id'], name=op.f('fk_care_record_responsible_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_record'))
    )
    with op.batch_alter_table('care_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_record_pupil_id'), ['pupil_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_care_record_responsible_teacher_id'), ['responsible_teacher_id'], unique=False)

    op.create_table('dropout_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('reason_note', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('outcome_note', sa.Text(), nullable=False),
    sa.CheckConstraint('closed_on IS NULL OR closed_on >= started_on', name=op.f('ck_dropout_case_dates')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_dropout_case_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dropout_case'))
    )
    with op.batch_alter_table('dropout_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dropout_case_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('guardian',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('relation', sa.String(length=10), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('workplace', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_guardian_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian')),
    sa.UniqueConstraint('pupil_id', 'slot', name='pupil_slot')
    )
    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardian_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('support_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_support_record_pupil_id_pupil'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_support_record_teacher_id_teacher'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_record'))
    )
    with op.batch_alter_table('support_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_record_pupil_id'), ['pupil_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_record_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('enrolment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_enrolment_class_id_school_class'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_enrolment_pupil_id_pupil'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment')),
    sa.UniqueConstraint('pupil_id', 'school_year', name='pupil_year')
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('return_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('visitors', sa.String(length=200), nullable=False),
    sa.Column('met_with', sa.String(length=100), nullable=False),
    sa.Column('conversation', sa.Text(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['dropout_case.id'], name=op.f('fk_return_visit_case_id_dropout_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_visit'))
    )
    with op.batch_alter_table('return_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_visit_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('return_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_visit_case_id'))

    op.drop_table('return_visit')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_pupil_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_class_id'))

    op.drop_table('enrolment')
    with op.batch_alter_table('support_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_record_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_support_record_pupil_id'))

    op.drop_table('support_record')
    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardian_pupil_id'))

    op.drop_table('guardian')
    with op.batch_alter_table('dropout_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dropout_case_pupil_id'))

    op.drop_table('dropout_case')
    with op.batch_alter_table('care_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_care_record_responsible_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_care_record_pupil_id'))

    op.drop_table('care_record')
    op.drop_table('school_setting')
    op.drop_table('pupil')
