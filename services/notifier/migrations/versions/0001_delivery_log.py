"""The machinery's tables, the delivery log and account contacts.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_message_id", sa.Text, nullable=False),
        sa.Column("template_key", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("variables", JSONB, nullable=False),
        sa.Column("secret_ref", sa.Text),
        sa.Column("mail_message_id", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("event_message_id", "template_key", name="deliveries_event_template_key"),
        sa.CheckConstraint("status IN ('pending', 'retrying', 'sent', 'given_up')", name="deliveries_status"),
    )
    op.create_index("deliveries_due", "deliveries", ["next_attempt_at"],
                    postgresql_where=sa.text("status IN ('pending', 'retrying')"))
    op.create_table(
        "account_contacts",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("account_id", sa.Text, primary_key=True),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    )


def downgrade() -> None:
    op.drop_table("account_contacts")
    op.drop_table("deliveries")
    drop_machinery_tables_v1(op)
