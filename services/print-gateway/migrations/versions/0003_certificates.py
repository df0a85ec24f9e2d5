"""The certificates print-gateway issued (issue 10): one row per copy.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("certificate_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("order_id", sa.Text, nullable=False),
        sa.Column("account_id", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("line_index", sa.Integer, nullable=False),
        sa.Column("copy_number", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("holder_name", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("certificate_number", sa.Text, nullable=False, unique=True),
        sa.Column("verification_code", sa.Text, nullable=False, unique=True),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("preview_png", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_certificates_order_id", "certificates", ["order_id"])
    op.create_index("ix_certificates_account_id", "certificates", ["account_id"])


def downgrade() -> None:
    op.drop_table("certificates")
