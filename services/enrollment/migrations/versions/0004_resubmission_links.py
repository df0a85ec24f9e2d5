"""Re-application links: one-time, hashed, expiring tokens bound to a tenant and an application,
and the sealed link URLs the notifier redeems by reference (ADR 0023).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "resubmission_links",
        sa.Column("token_hash", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("used_at", _TIME),
    )
    op.create_index("resubmission_links_expires_at_idx", "resubmission_links", ["expires_at"])
    op.create_table(
        "sealed_secrets",
        sa.Column("secret_ref", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("sealed_value", sa.LargeBinary, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("key_id", sa.Text, nullable=False),  # the seal key of the ring that sealed it (ADR 0021)
    )
    op.create_index("sealed_secrets_expires_at_idx", "sealed_secrets", ["expires_at"])


def downgrade() -> None:
    op.drop_table("sealed_secrets")
    op.drop_table("resubmission_links")
