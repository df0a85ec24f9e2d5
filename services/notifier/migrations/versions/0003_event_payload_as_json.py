"""The notifier's event log: payloads kept as `json` text, (txid, id) as the key (the machinery's
step v2, docs/adr/0024).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from shomei_shared.eventstore.migration import downgrade_machinery_v2, upgrade_machinery_v2

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    upgrade_machinery_v2(op)


def downgrade() -> None:
    downgrade_machinery_v2(op)
