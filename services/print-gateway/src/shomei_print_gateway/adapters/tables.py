"""print-gateway's own tables. Every change here needs a new frozen revision in migrations/versions
(docs/adr/0013); the drift test fails until the two agree."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

items = Table(
    "items", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Every certificate print-gateway issued, one row per copy: what the verification page shows and
# what the mix-up guard checks against. Holder names stay here (PostgreSQL), never in Kafka.
certificates = Table(
    "certificates", metadata,
    Column("certificate_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("order_id", Text, nullable=False, index=True),
    Column("account_id", Text, nullable=False, index=True),
    Column("student_number", Text, nullable=False),
    Column("line_index", Integer, nullable=False),  # the order's line (type) it was issued for
    Column("copy_number", Integer, nullable=False),  # 1..copies of that line
    Column("kind", Text, nullable=False),  # domain.certificate.KINDS
    Column("language", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("holder_name", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("certificate_number", Text, nullable=False, unique=True),
    Column("verification_code", Text, nullable=False, unique=True),
    Column("pages", Integer, nullable=False),
    Column("preview_png", LargeBinary, nullable=False),  # first page, shown to whoever verifies
)

# Revoked certificates (ADR 0036): one row each, its key making a second revocation a no-op. The
# reason stays here, never in the event.
certificate_revocations = Table(
    "certificate_revocations", metadata,
    Column("certificate_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=False),
)

# Every public lookup: when, the country of the address if the edge knew it (never the address),
# and what it answered. certificate_id is null for a code that named no certificate.
verification_lookups = Table(
    "verification_lookups", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("certificate_id", Text, nullable=True, index=True),
    Column("looked_up_at", DateTime(timezone=True), nullable=False),
    Column("country", Text, nullable=True),
    Column("outcome", Text, nullable=False),
    Index("ix_verification_lookups_tenant_time", "tenant_id", "looked_up_at"),
)
