"""used form tokens (one page load, one submission); no unique live contact per event

Revision ID: c7a1d2e3f411
Revises: 4e19885c95b9
Create Date: 2026-11-30 11:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7a1d2e3f411'
down_revision = '4e19885c95b9'
branch_labels = None
depends_on = None

LIVE_ONLY = sa.text("state != 'cancelled'")


def upgrade():
    op.create_table('used_form_token',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('used_form_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_used_form_token_expires_at'), ['expires_at'], unique=False)
    # A refused duplicate told strangers that a contact was registered (issue 11 §3).
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('uq_registration_live_contact', sqlite_where=LIVE_ONLY, postgresql_where=LIVE_ONLY)


def downgrade():
    # Fails if an event now holds two live registrations of one contact; cancel the extra ones first.
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('uq_registration_live_contact', ['event_slug', 'contact'], unique=True,
                              sqlite_where=LIVE_ONLY, postgresql_where=LIVE_ONLY)
    with op.batch_alter_table('used_form_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_used_form_token_expires_at'))
    op.drop_table('used_form_token')
