"""photo links: one table links photos to records of every family (was home_teaching_visit_photo)

Revision ID: 20261124_0007
Revises: 20261124_0006
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '20261124_0007'
down_revision = '20261124_0006'
branch_labels = None
depends_on = None

VISIT = "home_teaching_visit"


def upgrade() -> None:
    link = op.create_table('photo_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('caption', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['photo_id'], ['photo.id'], name=op.f('fk_photo_link_photo_id_photo'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo_link')),
    sa.UniqueConstraint('record_kind', 'record_id', 'photo_id', name='record_photo')
    )
    with op.batch_alter_table('photo_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photo_link_photo_id'), ['photo_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photo_link_record_id'), ['record_id'], unique=False)
    old = sa.table("home_teaching_visit_photo", sa.column("visit_id", sa.Integer), sa.column("photo_id", sa.Integer),
                   sa.column("position", sa.Integer))
    bind = op.get_bind()
    rows = bind.execute(sa.select(old.c.visit_id, old.c.photo_id, old.c.position)).all()
    if rows:
        bind.execute(sa.insert(link), [{"record_kind": VISIT, "record_id": v, "photo_id": p, "position": n,
                                        "caption": ""} for v, p, n in rows])
    op.drop_table('home_teaching_visit_photo')


def downgrade() -> None:
    old = op.create_table('home_teaching_visit_photo',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['photo_id'], ['photo.id'], name=op.f('fk_home_teaching_visit_photo_photo_id_photo'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['visit_id'], ['home_teaching_visit.id'], name=op.f('fk_home_teaching_visit_photo_visit_id_home_teaching_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'photo_id', name=op.f('pk_home_teaching_visit_photo'))
    )
    link = sa.table("photo_link", sa.column("record_kind", sa.String), sa.column("record_id", sa.Integer),
                    sa.column("photo_id", sa.Integer), sa.column("position", sa.Integer))
    bind = op.get_bind()
    rows = bind.execute(sa.select(link.c.record_id, link.c.photo_id, link.c.position)
                        .where(link.c.record_kind == VISIT)).all()
    if rows:
        bind.execute(sa.insert(old), [{"visit_id": v, "photo_id": p, "position": n} for v, p, n in rows])
    op.drop_table('photo_link')
