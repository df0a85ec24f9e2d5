"""A university's certificates by time of issue: the console's page counts per template read the
last 90 days of one university (ADR 0032, "Pages feed the estimate") instead of every row.

Revision ID: 0008
"""

from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_index("ix_certificates_tenant_issued", "certificates", ["tenant_id", "issued_at"])


def downgrade() -> None:
    op.drop_index("ix_certificates_tenant_issued", "certificates")
