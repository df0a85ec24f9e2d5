"""Creating and dropping the machinery's tables from a service's Alembic revision.

Each function here is a frozen description of one step of the machinery's schema, written out
column by column: a revision that calls it must build the same tables on every database, today
and after `tables.py` has moved on (docs/adr/0013). So never edit a step once written; when the
machinery's tables change, add the next `upgrade_machinery_vN(op)` / `downgrade_machinery_vN(op)`
holding only that change, and have each service call it from a new revision of its own.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSON, JSONB, UUID

from shomei_shared.eventstore.types import Xid8

_TIME = sa.DateTime(timezone=True)


def create_machinery_tables_v1(op: Any) -> None:
    """Call from a service's first `upgrade()`: events (with outbox order), snapshots, relay
    checkpoints and the consumer's processed-message ledger."""
    op.create_table(
        "events",
        sa.Column("id", sa.BigInteger, sa.Identity(always=False), primary_key=True),
        sa.Column("txid", Xid8(), nullable=False, server_default=sa.text("pg_current_xact_id()")),
        sa.Column("message_id", UUID(as_uuid=False), nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("aggregate_id", sa.Text, nullable=False),
        sa.Column("aggregate_version", sa.Integer, nullable=False),
        sa.Column("occurred_at", _TIME, nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.Column("causation_id", sa.Text),
        sa.Column("payload", JSONB, nullable=False),
        sa.UniqueConstraint("message_id", name="events_message_id_key"),
        sa.UniqueConstraint("aggregate_id", "aggregate_version", name="events_aggregate_version_key"),
    )
    op.create_index("events_txid_id_idx", "events", ["txid", "id"])
    op.create_table(
        "snapshots",
        sa.Column("aggregate_id", sa.Text, primary_key=True),
        sa.Column("aggregate_version", sa.Integer, nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
        sa.Column("taken_at", _TIME, nullable=False, server_default=sa.text("now()")),
    )
    op.create_table(
        "relay_checkpoints",
        sa.Column("relay", sa.Text, primary_key=True),
        sa.Column("last_txid", Xid8(), nullable=False, server_default=sa.text("'0'::xid8")),
        sa.Column("last_id", sa.BigInteger, nullable=False, server_default=sa.text("0")),
    )
    op.create_table(
        "processed_messages",
        sa.Column("consumer_group", sa.Text, nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("processed_at", _TIME, nullable=False, server_default=sa.text("now()")),
        sa.PrimaryKeyConstraint("consumer_group", "message_id"),
    )


def drop_machinery_tables_v1(op: Any) -> None:
    """The reverse of `create_machinery_tables_v1`, for the same revision's `downgrade()`."""
    for table in ("processed_messages", "relay_checkpoints", "snapshots", "events"):
        op.drop_table(table)


def upgrade_machinery_v2(op: Any) -> None:
    """Call from a new revision of each service (docs/adr/0024): the payload kept as `json`, the
    JSON text exactly as the store wrote it, instead of `jsonb`, which parsed it into a tree at
    every insert and rendered it back to text at every read; and (txid, id), the relay's order,
    as the primary key, where a key on id alone and an index on (txid, id) were two indexes to
    write per event. Rewrites the table (an exclusive lock while it runs)."""
    op.drop_constraint("events_pkey", "events", type_="primary")
    op.drop_index("events_txid_id_idx", table_name="events")
    op.alter_column("events", "payload", type_=JSON, existing_type=JSONB, existing_nullable=False,
                    postgresql_using="payload::json")
    op.create_primary_key("events_pkey", "events", ["txid", "id"])


def downgrade_machinery_v2(op: Any) -> None:
    """The reverse of `upgrade_machinery_v2`, for the same revision's `downgrade()`."""
    op.drop_constraint("events_pkey", "events", type_="primary")
    op.alter_column("events", "payload", type_=JSONB, existing_type=JSON, existing_nullable=False,
                    postgresql_using="payload::jsonb")
    op.create_primary_key("events_pkey", "events", ["id"])
    op.create_index("events_txid_id_idx", "events", ["txid", "id"])
