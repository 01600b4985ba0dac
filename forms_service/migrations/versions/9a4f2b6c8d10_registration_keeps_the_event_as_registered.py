"""registration keeps the event's start and venue as she registered for it

Her page says what changed since (issue 10 §2). Nullable: registrations made before this have no
record of it, and their page says nothing about changes.

Revision ID: 9a4f2b6c8d10
Revises: c7d1f0a2e915
Create Date: 2026-11-30 12:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9a4f2b6c8d10'
down_revision = 'c7d1f0a2e915'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration') as batch_op:
        batch_op.add_column(sa.Column('registered_start', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('registered_venue', sa.String(length=400), nullable=True))


def downgrade():
    with op.batch_alter_table('registration') as batch_op:
        batch_op.drop_column('registered_venue')
        batch_op.drop_column('registered_start')
