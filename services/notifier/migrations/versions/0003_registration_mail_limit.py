"""An index for the per-address limit on registration mails: an address's recent deliveries.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("deliveries_recipient_recent", "deliveries", ["tenant_id", "recipient", "created_at"])


def downgrade() -> None:
    op.drop_index("deliveries_recipient_recent", table_name="deliveries")
