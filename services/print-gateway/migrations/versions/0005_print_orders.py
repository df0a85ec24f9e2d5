"""The orders print-gateway submits to the stores, their files and each provider call (ADR 0032).

0005 follows 0003 on this branch; 0004 is verification's (issue 10), merged beside it.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "print_orders",
        sa.Column("order_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("account_id", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("print_channel", sa.Text, nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True)),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_print_orders_account_id", "print_orders", ["account_id"])
    op.create_table(
        "certificate_files",
        sa.Column("certificate_id", sa.Text, primary_key=True),
        sa.Column("order_id", sa.Text, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False, unique=True),
        sa.Column("pdf", sa.LargeBinary),
    )
    op.create_index("ix_certificate_files_order_id", "certificate_files", ["order_id"])
    op.create_table(
        "submissions",
        sa.Column("submission_id", sa.Text, primary_key=True),
        sa.Column("order_id", sa.Text, nullable=False),
        sa.Column("provider", sa.Text, nullable=False),
        sa.Column("certificate_ids", sa.JSON, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("number", sa.Text, unique=True),
        sa.Column("document_ids", sa.JSON),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_submissions_order_id", "submissions", ["order_id"])
    op.drop_table("items")  # the skeleton's example


def downgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.drop_table("submissions")
    op.drop_table("certificate_files")
    op.drop_table("print_orders")
