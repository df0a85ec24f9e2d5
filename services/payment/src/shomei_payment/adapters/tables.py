"""payment's own tables. Every change here needs a new frozen revision in migrations/versions
(docs/adr/0013); the drift test fails until the two agree."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Text

metadata = MetaData()

# A projection of the payment events, written in their transaction: for reads and lookups.
payments = Table(
    "payments", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("order_id", Text, nullable=False, unique=True),
    Column("account_id", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("paypal_order_id", Text, nullable=False),
    Column("capture_id", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Each PayPal webhook event applied once, by PayPal's event id (duplicates, retries, redeliveries).
paypal_webhook_events = Table(
    "paypal_webhook_events", metadata,
    Column("event_id", Text, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Each signed transmission accepted once: the same transmission again is a replay.
paypal_webhook_transmissions = Table(
    "paypal_webhook_transmissions", metadata,
    Column("transmission_id", Text, primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Each Smart Pit notice applied once, by its notice id (a notice sent again keeps it).
smartpit_notices = Table(
    "smartpit_notices", metadata,
    Column("notice_id", Text, primary_key=True),
    Column("notice_type", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)
