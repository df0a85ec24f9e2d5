"""The event machinery and ordering's orders projection.

Written out column by column, never from the live tables: this revision must build the same
schema on a new database after `adapters/tables.py` has changed (docs/adr/0013). Change the
tables with a new revision (0002_...), never by editing this one once it has run anywhere.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "orders",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("account_id", sa.Text, nullable=False),
        sa.Column("idempotency_key", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("print_channel", sa.Text, nullable=False),
        sa.Column("payment_method", sa.Text, nullable=False),
        sa.Column("lines", postgresql.JSONB, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("orders_by_account", "orders", ["tenant_id", "account_id", "placed_at"])
    op.create_index("orders_by_tenant", "orders", ["tenant_id", "placed_at"])
    op.create_index("orders_due", "orders", ["ends_at"], postgresql_where=sa.text("status = 'placed'"))


def downgrade() -> None:
    op.drop_index("orders_due", table_name="orders")
    op.drop_index("orders_by_tenant", table_name="orders")
    op.drop_index("orders_by_account", table_name="orders")
    op.drop_table("orders")
    drop_machinery_tables_v1(op)
