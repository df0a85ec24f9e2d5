"""The event machinery and print-gateway's tables.

Written out column by column, never from the live tables: this revision must build the same
schema on a new database after `adapters/tables.py` has changed (docs/adr/0013). Change the
tables with a new revision (the next number), never by editing this one once it has run anywhere.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "items",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("items")
    drop_machinery_tables_v1(op)
