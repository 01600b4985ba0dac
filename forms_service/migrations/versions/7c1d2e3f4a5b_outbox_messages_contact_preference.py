"""outbox of messages, event snapshots, e-mail opt-in and safe-contact preference, group participants

Revision ID: 7c1d2e3f4a5b
Revises: c7a1d2e3f411
Create Date: 2026-11-30 11:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7c1d2e3f4a5b'
down_revision = 'c7a1d2e3f411'
branch_labels = None
depends_on = None

_KIND = sa.Enum('confirmation', 'waitlisted', 'promoted', 'reminder', 'cancelled', 'postponed', 'changed',
                'broadcast', name='messagekind', native_enum=False, length=16)
_STATE = sa.Enum('queued', 'sending', 'sent', 'retry', 'failed', name='messagestate', native_enum=False, length=16)


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('notify', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('contact_preference', sa.Enum('any', 'messages_only', 'calls_only', 'none',
                                                                    name='contactpreference', native_enum=False,
                                                                    length=16), nullable=True))
        batch_op.add_column(sa.Column('call_times', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('group_of', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_registration_group_of', 'registration', ['group_of'], ['id'], ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_registration_group_of'), ['group_of'], unique=False)

    with op.batch_alter_table('registration_tally', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended', sa.Integer(), server_default=sa.text('0'), nullable=False))

    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=True),
    sa.Column('role', sa.String(length=80), nullable=True),
    sa.Column('attended', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_registration_id'), ['registration_id'], unique=False)

    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('message_id', sa.String(length=120), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('event_slug', sa.String(length=100), nullable=False),
    sa.Column('kind', _KIND, nullable=False),
    sa.Column('state', _STATE, nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key'),
    sa.UniqueConstraint('message_id')
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_registration_id'), ['registration_id'], unique=False)

    op.create_table('outbox_tally',
    sa.Column('event_slug', sa.String(length=100), nullable=False),
    sa.Column('kind', _KIND, nullable=False),
    sa.Column('state', _STATE, nullable=False),
    sa.Column('messages', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('event_slug', 'kind', 'state')
    )
    op.create_table('event_snapshot',
    sa.Column('event_slug', sa.String(length=100), nullable=False),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('event_slug')
    )


def downgrade():
    op.drop_table('participant')
    with op.batch_alter_table('registration_tally', schema=None) as batch_op:
        batch_op.drop_column('attended')
    op.drop_table('event_snapshot')
    op.drop_table('outbox_tally')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_registration_id'))
        batch_op.drop_index('ix_outbox_due')
    op.drop_table('outbox_message')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_group_of'))
        batch_op.drop_constraint('fk_registration_group_of', type_='foreignkey')
        batch_op.drop_column('group_of')
        batch_op.drop_column('call_times')
        batch_op.drop_column('contact_preference')
        batch_op.drop_column('notify')
        batch_op.drop_column('email')
