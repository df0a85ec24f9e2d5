"""Each delivery keeps the correlation id of the event that asked for it, so the dispatcher's
log lines about the mail belong to the same conversation as the request that caused it.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("correlation_id", sa.Text))


def downgrade() -> None:
    op.drop_column("deliveries", "correlation_id")
