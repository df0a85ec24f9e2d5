"""Tenants' profiles and logos.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenant_profiles",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("name_ja", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("accent", sa.Text, nullable=False),
        sa.Column("accent_ink", sa.Text, nullable=False),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("terms_ja", sa.Text, nullable=False, server_default=""),
        sa.Column("terms_en", sa.Text, nullable=False, server_default=""),
        sa.Column("notes_ja", sa.Text, nullable=False, server_default=""),
        sa.Column("notes_en", sa.Text, nullable=False, server_default=""),
        sa.Column("logo_version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    )
    op.create_table(
        "tenant_logos",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("tenant_logos")
    op.drop_table("tenant_profiles")
