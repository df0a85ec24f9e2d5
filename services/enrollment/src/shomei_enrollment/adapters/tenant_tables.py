"""Tables of tenants' profiles (created by migrations/versions/0002, hence their own MetaData:
revision 0001 creates `tables.metadata` whole)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, Table, Text, text

tenant_metadata = MetaData()

tenant_profiles = Table(
    "tenant_profiles", tenant_metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("name_ja", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("accent", Text, nullable=False),
    Column("accent_ink", Text, nullable=False),
    Column("contact_email", Text, nullable=False),
    Column("terms_ja", Text, nullable=False, server_default=""),
    Column("terms_en", Text, nullable=False, server_default=""),
    Column("notes_ja", Text, nullable=False, server_default=""),
    Column("notes_en", Text, nullable=False, server_default=""),
    Column("logo_version", Integer, nullable=False, server_default=text("0")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

tenant_logos = Table(
    "tenant_logos", tenant_metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("media_type", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("sha256", Text, nullable=False),
)
