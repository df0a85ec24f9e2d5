"""Identity's state tables (beside the event store's, created by the same first migration)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from shomei_shared.sealing import sealed_secrets_table

metadata = MetaData()

# Lookup projection of accounts plus their password hashes (never in events, docs/adr/0005).
accounts = Table(
    "accounts", metadata,
    Column("account_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("email", Text, nullable=False),  # stored lower-cased: unique per tenant, any case
    Column("application_id", Text, nullable=False),
    Column("initial_password_hash", Text),
    Column("initial_expires_at", DateTime(timezone=True)),
    Column("password_hash", Text),
    Column("second_password_hash", Text),
    UniqueConstraint("tenant_id", "email", name="accounts_tenant_email_key"),
    UniqueConstraint("tenant_id", "application_id", name="accounts_tenant_application_key"),
)

login_guards = Table(
    "login_guards", metadata,
    Column("subject_id", Text, primary_key=True),
    # Where the attempts come from (docs/adr/0021): a lock holds for one source only.
    Column("source", Text, primary_key=True, server_default=text("''")),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("locks", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", DateTime(timezone=True)),
)

# Browsers each account has logged in from (docs/adr/0026): only the SHA-256 of the device id.
known_devices = Table(
    "known_devices", metadata,
    Column("subject_id", Text, primary_key=True),  # an account or a staff member
    Column("id_hash", Text, primary_key=True),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)

one_time_tokens = Table(
    "one_time_tokens", metadata,
    Column("token_hash", Text, primary_key=True),  # SHA-256 of the token; the token itself is never kept
    Column("purpose", Text, nullable=False),
    Column("tenant_id", Text, nullable=False),
    Column("subject_id", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
)

sealed_secrets = sealed_secrets_table(metadata)

sessions = Table(
    "sessions", metadata,
    Column("id_hash", Text, primary_key=True),  # SHA-256 of the session id
    Column("tenant_id", Text, nullable=False),
    Column("subject_kind", Text, nullable=False),
    Column("subject_id", Text, nullable=False),
    Column("roles", ARRAY(Text), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Index("sessions_subject_idx", "subject_id"),
)

staff_members = Table(
    "staff_members", metadata,
    Column("staff_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("roles", ARRAY(Text), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("sealed_totp_secret", LargeBinary, nullable=False),
    Column("totp_key_id", Text, nullable=False),
    Column("totp_last_step", BigInteger),  # the last accepted code's time step: each code once
    UniqueConstraint("tenant_id", "email", name="staff_members_tenant_email_key"),
)
