"""Each order mail names its order, so staff see an order's mails; a mail resent by staff is a
delivery of its own that names the one it repeats and who asked (issue 9, staff console).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("order_id", sa.Text))
    op.add_column("deliveries", sa.Column("resend_of", sa.BigInteger))
    op.add_column("deliveries", sa.Column("requested_by", sa.Text))
    op.create_index("deliveries_order", "deliveries", ["tenant_id", "order_id"])
    # Mails recorded before: those of OrderPlaced are found through the order it placed.
    op.execute("UPDATE deliveries d SET order_id = o.order_id FROM order_accounts o "
               "WHERE d.tenant_id = o.tenant_id AND d.event_message_id = o.placed_message_id")


def downgrade() -> None:
    op.drop_index("deliveries_order", table_name="deliveries")
    op.drop_column("deliveries", "requested_by")
    op.drop_column("deliveries", "resend_of")
    op.drop_column("deliveries", "order_id")
