"""The event machinery's tables, as a service's first revision creates them.

Revision ID: 0001
"""

from alembic import op

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables_v1(op)


def downgrade() -> None:
    drop_machinery_tables_v1(op)
