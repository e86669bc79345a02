"""mentorship: pairs per school year, their guidance records and year-end assessments

Revision ID: 20261201_0010
Revises: 20261201_0009
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261201_0010'
down_revision = '20261201_0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mentorship_pair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('apprentice_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('pairing_type', sa.String(length=10), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('agreement_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('status_reason', sa.String(length=200), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('mentor_id <> apprentice_id', name=op.f('ck_mentorship_pair_two_people')),
    sa.ForeignKeyConstraint(['apprentice_id'], ['teacher.id'], name=op.f('fk_mentorship_pair_apprentice_id_teacher'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['carried_from_id'], ['mentorship_pair.id'], name=op.f('fk_mentorship_pair_carried_from_id_mentorship_pair'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mentor_id'], ['teacher.id'], name=op.f('fk_mentorship_pair_mentor_id_teacher'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorship_pair'))
    )
    with op.batch_alter_table('mentorship_pair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorship_pair_apprentice_id'), ['apprentice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorship_pair_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorship_pair_school_year'), ['school_year'], unique=False)

    op.create_table('guidance_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('reflection', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['pair_id'], ['mentorship_pair.id'], name=op.f('fk_guidance_record_pair_id_mentorship_pair'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guidance_record'))
    )
    with op.batch_alter_table('guidance_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guidance_record_pair_id'), ['pair_id'], unique=False)

    op.create_table('mentorship_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['pair_id'], ['mentorship_pair.id'], name=op.f('fk_mentorship_assessment_pair_id_mentorship_pair'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorship_assessment')),
    sa.UniqueConstraint('pair_id', name=op.f('uq_mentorship_assessment_pair_id'))
    )


def downgrade() -> None:
    op.drop_table('mentorship_assessment')
    with op.batch_alter_table('guidance_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guidance_record_pair_id'))

    op.drop_table('guidance_record')
    with op.batch_alter_table('mentorship_pair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentorship_pair_school_year'))
        batch_op.drop_index(batch_op.f('ix_mentorship_pair_mentor_id'))
        batch_op.drop_index(batch_op.f('ix_mentorship_pair_apprentice_id'))

    op.drop_table('mentorship_pair')
