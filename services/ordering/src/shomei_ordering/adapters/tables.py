"""ordering's own tables. Every change here needs a new frozen revision in migrations/versions
(docs/adr/0013); the drift test fails until the two agree.

The catalogue has no table: it is its event stream (`catalogue:<tenant>`), small and read whole.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

# The orders to list, search and find due: a projection kept in the transaction that appends the
# order's events. The primary key is also the idempotency guard (the id derives from the key).
orders = Table(
    "orders", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("account_id", Text, nullable=False),
    Column("idempotency_key", Text, nullable=False),
    Column("student_number", Text, nullable=False),
    Column("print_channel", Text, nullable=False),
    Column("payment_method", Text, nullable=False),
    Column("lines", JSONB, nullable=False),
    Column("total", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("placed_at", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("status_at", DateTime(timezone=True), nullable=False),
    # Set when the money that paid the order was taken back: staff are alerted (search filter).
    Column("payment_reversed_at", DateTime(timezone=True), nullable=True),
    Index("orders_by_account", "tenant_id", "account_id", "placed_at"),
    Index("orders_by_tenant", "tenant_id", "placed_at"),
    Index("orders_due", "ends_at", postgresql_where="status = 'placed'"),
)

# Money received for an order that could not take it (PaymentNotApplied), for staff to refund by
# bank transfer: `open` until refunded (`refunded`, with who and why) or taken back (`reversed`).
unapplied_payments = Table(
    "unapplied_payments", metadata,
    Column("payment_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("order_id", Text, nullable=False),
    Column("account_id", Text, nullable=False),
    Column("student_number", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("paid_at", DateTime(timezone=True), nullable=False),
    Column("status", Text, nullable=False),
    Column("status_at", DateTime(timezone=True), nullable=False),
    Column("staff_id", Text, nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
    Index("unapplied_by_tenant", "tenant_id", "status", "paid_at"),
)
