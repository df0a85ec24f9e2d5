"""Why staff look at a print order: the reason its submission failed (shown in words in the
console), and an alert that outlives the failure states (a payment taken back after a copy was
printed: `paid_back_after_print`); and the catalogue's print charge per page for the order's chain,
as ordering quoted it, which the real page counts turn into the estimated print charge. Issue 10, ADR 0032.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("print_orders", sa.Column("failure_reason", sa.Text))
    op.add_column("print_orders", sa.Column("alert", sa.Text))
    op.add_column("print_orders", sa.Column("page_charge", sa.Integer))


def downgrade() -> None:
    op.drop_column("print_orders", "page_charge")
    op.drop_column("print_orders", "alert")
    op.drop_column("print_orders", "failure_reason")
