"""partner activities: people reached by sex and age band (4W/5W)

Revision ID: c7d1f0a2e915
Revises: 7c1d2e3f4a5b
Create Date: 2026-11-30 11:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c7d1f0a2e915'
down_revision = '7c1d2e3f4a5b'
branch_labels = None
depends_on = None

COLUMNS = ("reached_female_under_18", "reached_female_adult", "reached_male_under_18", "reached_male_adult")


def upgrade():
    with op.batch_alter_table('activity_submission') as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('activity_submission') as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
