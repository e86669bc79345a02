"""the receiver's store (汇总): the schools it knows, one bundle per school and semester, each bundle's sheets
with their rows

Revision ID: county_0001
Revises:
Create Date: 2026-12-06
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = 'county_0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('merged_school',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('county', sa.String(length=60), nullable=False),
    sa.Column('expected', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_merged_school'))
    )
    op.create_table('merged_bundle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_code', sa.String(length=20), nullable=False),
    sa.Column('semester', sa.String(length=20), nullable=False),
    sa.Column('exported_at', sa.DateTime(), nullable=False),
    sa.Column('app_version', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('merged_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['school_code'], ['merged_school.code'], name=op.f('fk_merged_bundle_school_code_merged_school'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merged_bundle')),
    sa.UniqueConstraint('school_code', 'semester', name='school_semester')
    )
    with op.batch_alter_table('merged_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_merged_bundle_school_code'), ['school_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_merged_bundle_semester'), ['semester'], unique=False)
    op.create_table('merged_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.Integer(), nullable=False),
    sa.Column('workbook', sa.String(length=100), nullable=False),
    sa.Column('sheet', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('counts', sa.Boolean(), nullable=False),
    sa.Column('columns', sa.JSON(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['bundle_id'], ['merged_bundle.id'], name=op.f('fk_merged_sheet_bundle_id_merged_bundle'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merged_sheet'))
    )
    with op.batch_alter_table('merged_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_merged_sheet_bundle_id'), ['bundle_id'], unique=False)


def downgrade() -> None:
    op.drop_table('merged_sheet')
    op.drop_table('merged_bundle')
    op.drop_table('merged_school')
