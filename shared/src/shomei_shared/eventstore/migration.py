"""Creating and dropping the machinery's tables from a service's Alembic revision."""

from __future__ import annotations

from typing import Any

from shomei_shared.eventstore.tables import metadata


def create_machinery_tables(op: Any) -> None:
    """Call from one `upgrade()`: events (with outbox order), snapshots, relay checkpoints and
    the consumer's processed-message ledger."""
    metadata.create_all(op.get_bind())


def drop_machinery_tables(op: Any) -> None:
    metadata.drop_all(op.get_bind())
