"""4W/5W: her optional group on a registration, attendance per group kept after the purge, and
the locality of a partner activity

Revision ID: e3b9c4d7a1f6
Revises: d5e8a1c3b7f2
Create Date: 2026-11-30 13:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e3b9c4d7a1f6'
down_revision = 'd5e8a1c3b7f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration') as batch:
        batch.add_column(sa.Column('people_group', sa.String(length=20), nullable=True))
    with op.batch_alter_table('activity_submission') as batch:
        batch.add_column(sa.Column('locality', sa.String(length=80), nullable=True))
    op.create_table(
        'attendance_tally',
        sa.Column('event_slug', sa.String(length=100), nullable=False),
        sa.Column('people_group', sa.String(length=20), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('event_slug', 'people_group'),
    )


def downgrade():
    op.drop_table('attendance_tally')
    with op.batch_alter_table('activity_submission') as batch:
        batch.drop_column('locality')
    with op.batch_alter_table('registration') as batch:
        batch.drop_column('people_group')
