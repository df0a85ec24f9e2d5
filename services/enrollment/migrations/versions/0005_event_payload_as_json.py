"""Enrollment's event log, read back for every application's history: payloads kept as the `json`
text the store wrote, (txid, id) as the key (the machinery's step v2, docs/adr/0024).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from shomei_shared.eventstore.migration import downgrade_machinery_v2, upgrade_machinery_v2

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    upgrade_machinery_v2(op)


def downgrade() -> None:
    downgrade_machinery_v2(op)
