"""The machinery's step v2 (docs/adr/0024), as every service applies it after its first revision:
the event payload kept as `json` text, (txid, id) as the events table's key.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from shomei_shared.eventstore.migration import downgrade_machinery_v2, upgrade_machinery_v2

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    upgrade_machinery_v2(op)


def downgrade() -> None:
    downgrade_machinery_v2(op)
