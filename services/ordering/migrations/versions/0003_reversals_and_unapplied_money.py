"""Alerts for orders whose payment was taken back, and money not applied for staff to refund
(ADR 0028, section "Reversals and money not applied"). Written out column by column (ADR 0013).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.add_column("orders", sa.Column("payment_reversed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "unapplied_payments",
        sa.Column("payment_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("order_id", sa.Text, nullable=False),
        sa.Column("account_id", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("unapplied_by_tenant", "unapplied_payments", ["tenant_id", "status", "paid_at"])


def downgrade() -> None:
    op.drop_index("unapplied_by_tenant", table_name="unapplied_payments")
    op.drop_table("unapplied_payments")
    op.drop_column("orders", "payment_reversed_at")
