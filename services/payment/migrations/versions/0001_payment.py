"""The event machinery and payment's tables.

Written out column by column, never from the live tables: this revision must build the same
schema on a new database after `adapters/tables.py` has changed (docs/adr/0013). Change the
tables with a new revision (the next number), never by editing this one once it has run anywhere.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "payments",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("order_id", sa.Text, nullable=False, unique=True),
        sa.Column("account_id", sa.Text, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("paypal_order_id", sa.Text, nullable=False),
        sa.Column("capture_id", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "paypal_webhook_events",
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "paypal_webhook_transmissions",
        sa.Column("transmission_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "smartpit_notices",
        sa.Column("notice_id", sa.Text, primary_key=True),
        sa.Column("notice_type", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )

def downgrade() -> None:
    op.drop_table("smartpit_notices")
    op.drop_table("paypal_webhook_transmissions")
    op.drop_table("paypal_webhook_events")
    op.drop_table("payments")
    drop_machinery_tables_v1(op)
