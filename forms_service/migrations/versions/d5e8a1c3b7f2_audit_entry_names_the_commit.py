"""an audit record names the content commit a web edit made

Issue 13 §5: every save is a git commit; the audit log says which. Nullable: logins, exports and
records made before this have none.

Revision ID: d5e8a1c3b7f2
Revises: 9a4f2b6c8d10
Create Date: 2026-11-30 13:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5e8a1c3b7f2'
down_revision = '9a4f2b6c8d10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_entry') as batch_op:
        batch_op.add_column(sa.Column('commit', sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table('audit_entry') as batch_op:
        batch_op.drop_column('commit')
