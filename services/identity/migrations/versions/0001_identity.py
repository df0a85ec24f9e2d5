"""The event machinery and identity's tables: accounts, login guards, one-time tokens, sealed
secrets, sessions and staff members.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "accounts",
        sa.Column("account_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("initial_password_hash", sa.Text),
        sa.Column("initial_expires_at", _TIME),
        sa.Column("password_hash", sa.Text),
        sa.Column("second_password_hash", sa.Text),
        sa.UniqueConstraint("tenant_id", "email", name="accounts_tenant_email_key"),
        sa.UniqueConstraint("tenant_id", "application_id", name="accounts_tenant_application_key"),
    )
    op.create_table(
        "login_guards",
        sa.Column("subject_id", sa.Text, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("locks", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("locked_until", _TIME),
    )
    op.create_table(
        "one_time_tokens",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("subject_id", sa.Text, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("used_at", _TIME),
        sa.Column("data", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    op.create_table(
        "sealed_secrets",
        sa.Column("secret_ref", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("sealed_value", sa.LargeBinary, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
    )
    op.create_index("sealed_secrets_expires_at_idx", "sealed_secrets", ["expires_at"])
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("subject_kind", sa.Text, nullable=False),
        sa.Column("subject_id", sa.Text, nullable=False),
        sa.Column("roles", ARRAY(sa.Text), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
    )
    op.create_index("sessions_subject_idx", "sessions", ["subject_id"])
    op.create_table(
        "staff_members",
        sa.Column("staff_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("roles", ARRAY(sa.Text), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("sealed_totp_secret", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("tenant_id", "email", name="staff_members_tenant_email_key"),
    )


def downgrade() -> None:
    for table in ("staff_members", "sessions", "sealed_secrets", "one_time_tokens", "login_guards", "accounts"):
        op.drop_table(table)
    drop_machinery_tables_v1(op)
