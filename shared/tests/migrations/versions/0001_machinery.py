"""The event machinery's tables, as a service's first revision creates them.

Revision ID: 0001
"""

from alembic import op

from shomei_shared.eventstore.migration import create_machinery_tables, drop_machinery_tables

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables(op)


def downgrade() -> None:
    drop_machinery_tables(op)
