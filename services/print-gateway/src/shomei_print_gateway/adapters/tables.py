"""print-gateway's own tables. Every change here needs a new frozen revision in migrations/versions
(docs/adr/0013); the drift test fails until the two agree."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, Table, Text

metadata = MetaData()

items = Table(
    "items", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
