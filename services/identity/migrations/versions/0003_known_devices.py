"""Known devices per account and staff member (docs/adr/0026): hashed device ids with the time
each was last seen.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "known_devices",
        sa.Column("subject_id", sa.Text, primary_key=True),
        sa.Column("id_hash", sa.Text, primary_key=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    # The device guards (login_guards rows with a `device:` source) stay: they are plain guards.
    op.drop_table("known_devices")
