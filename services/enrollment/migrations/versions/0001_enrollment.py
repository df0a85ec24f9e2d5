"""The event machinery and enrollment's tables.

Revision ID: 0001
"""

from alembic import op

from shomei_enrollment.adapters.tables import metadata
from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables_v1(op)
    # The tables as they are at this revision; a later change gets its own revision with op.* calls.
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
    drop_machinery_tables_v1(op)
