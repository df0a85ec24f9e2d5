"""The verification preview made after issue, off the issuing path (ADR 0039): `preview_png` may be
empty until the jobs process renders it from the PDF still held; `preview_unavailable_at` records a
certificate whose PDF was gone before that happened (no other document is ever rendered for it).
Rows issued before keep their preview. And one certificate per order, line and copy: a second
issue of an order cannot be stored.

Revision ID: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.alter_column("certificates", "preview_png", existing_type=sa.LargeBinary, nullable=True)
    op.add_column("certificates", sa.Column("preview_unavailable_at", sa.DateTime(timezone=True)))
    op.create_unique_constraint("uq_certificates_order_line_copy", "certificates",
                                ["order_id", "line_index", "copy_number"])
    op.create_index("ix_certificates_preview_missing", "certificates", ["issued_at"],
                    postgresql_where=sa.text("preview_png IS NULL AND preview_unavailable_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_certificates_preview_missing", "certificates")
    op.drop_constraint("uq_certificates_order_line_copy", "certificates")
    op.drop_column("certificates", "preview_unavailable_at")
    op.alter_column("certificates", "preview_png", existing_type=sa.LargeBinary, nullable=False)
