"""The machinery's tables as the code uses them today. Services create them through their own
Alembic migrations by calling the frozen steps of `shomei_shared.eventstore.migration`
(`create_machinery_tables_v1(op)` first, then `upgrade_machinery_v2(op)`); a change here needs a
new frozen step there (docs/adr/0013)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSON, UUID

from shomei_shared.eventstore.types import Xid8

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("id", BigInteger, Identity(always=False), nullable=False),
    # The writing transaction's id: the relay's order and its no-skip rule (docs/adr/0003).
    Column("txid", Xid8(), nullable=False, server_default=text("pg_current_xact_id()")),
    Column("message_id", UUID(as_uuid=False), nullable=False, unique=True),
    Column("topic", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("tenant_id", Text, nullable=False),
    Column("aggregate_id", Text, nullable=False),
    Column("aggregate_version", Integer, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Text),
    Column("causation_id", Text),
    # `json`, not `jsonb`: the text as the store wrote it, only checked on insert, neither turned
    # into a tree nor rendered back on read; SQL reads it with ->> as before (docs/adr/0024).
    Column("payload", JSON, nullable=False),
    # The relay's order is the key: one index serves both (docs/adr/0024).
    PrimaryKeyConstraint("txid", "id", name="events_pkey"),
    UniqueConstraint("aggregate_id", "aggregate_version", name="events_aggregate_version_key"),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("aggregate_id", Text, primary_key=True),
    Column("aggregate_version", Integer, nullable=False),
    Column("state", LargeBinary, nullable=False),
    Column("taken_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

relay_checkpoints = Table(
    "relay_checkpoints",
    metadata,
    Column("relay", Text, primary_key=True),
    Column("last_txid", Xid8(), nullable=False, server_default=text("'0'::xid8")),
    Column("last_id", BigInteger, nullable=False, server_default=text("0")),
)

processed_messages = Table(
    "processed_messages",
    metadata,
    Column("consumer_group", Text, nullable=False),
    Column("message_id", Text, nullable=False),
    Column("topic", Text, nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    PrimaryKeyConstraint("consumer_group", "message_id"),
)
