"""Tenants' profiles and logos.

Revision ID: 0002
"""

from alembic import op

from shomei_enrollment.adapters.tenant_tables import tenant_metadata

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    tenant_metadata.create_all(op.get_bind())


def downgrade() -> None:
    tenant_metadata.drop_all(op.get_bind())
