"""catchment: the 适龄儿童摸底 — the children of the villages from the 户籍 list, and each verification of a
child's 去向 (kept as history, linked to a 劝返 case where one was opened)

Revision ID: 20261205_0013
Revises: 20261205_0012
Create Date: 2026-12-05
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261205_0013'
down_revision = '20261205_0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catchment_child',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('name_keys', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_number', sa.String(length=30), nullable=False),
    sa.Column('id_valid', sa.Boolean(), nullable=False),
    sa.Column('householder', sa.String(length=30), nullable=False),
    sa.Column('relation', sa.String(length=10), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('disability', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=True),
    sa.Column('match', sa.String(length=12), nullable=False),
    sa.Column('listed_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupil.id'], name=op.f('fk_catchment_child_pupil_id_pupil'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catchment_child'))
    )
    with op.batch_alter_table('catchment_child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catchment_child_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_catchment_child_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('catchment_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('destination', sa.String(length=20), nullable=False),
    sa.Column('school', sa.String(length=100), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=False),
    sa.Column('way', sa.String(length=10), nullable=False),
    sa.Column('verifier', sa.String(length=60), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('dropout_case_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['catchment_child.id'], name=op.f('fk_catchment_finding_child_id_catchment_child'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dropout_case_id'], ['dropout_case.id'], name=op.f('fk_catchment_finding_dropout_case_id_dropout_case'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catchment_finding'))
    )
    with op.batch_alter_table('catchment_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catchment_finding_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_catchment_finding_dropout_case_id'), ['dropout_case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('catchment_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catchment_finding_dropout_case_id'))
        batch_op.drop_index(batch_op.f('ix_catchment_finding_child_id'))

    op.drop_table('catchment_finding')
    with op.batch_alter_table('catchment_child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catchment_child_pupil_id'))
        batch_op.drop_index(batch_op.f('ix_catchment_child_id_number'))

    op.drop_table('catchment_child')
