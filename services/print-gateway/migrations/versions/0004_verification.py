"""Verification (issue 10, ADR 0036): revocations with their reasons, and the log of lookups.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "certificate_revocations",
        sa.Column("certificate_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("staff_id", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "verification_lookups",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("certificate_id", sa.Text, nullable=True),
        sa.Column("looked_up_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("country", sa.Text, nullable=True),
        sa.Column("outcome", sa.Text, nullable=False),
    )
    op.create_index("ix_verification_lookups_certificate_id", "verification_lookups", ["certificate_id"])
    op.create_index("ix_verification_lookups_tenant_time", "verification_lookups", ["tenant_id", "looked_up_at"])


def downgrade() -> None:
    op.drop_table("verification_lookups")
    op.drop_table("certificate_revocations")
