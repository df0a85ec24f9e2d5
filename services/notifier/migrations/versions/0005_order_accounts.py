"""Which account placed each order, for the order and payment mails (issue 9, ADR 0030).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_accounts",
        sa.Column("tenant_id", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Text(), nullable=False),
        sa.Column("account_id", sa.Text(), nullable=False),
        sa.Column("payment_id", sa.Text(), nullable=True),
        sa.Column("placed_message_id", sa.Text(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "order_id"),
    )
    op.create_index("order_accounts_payment", "order_accounts", ["tenant_id", "payment_id"])


def downgrade() -> None:
    op.drop_index("order_accounts_payment", table_name="order_accounts")
    op.drop_table("order_accounts")
