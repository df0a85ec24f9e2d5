"""An additional student number needs no identity document: applications.document_type may be
empty (rule 14; the graduate was proven at registration and is signed in).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("applications", "document_type", existing_type=sa.Text, nullable=True)


def downgrade() -> None:
    # Applications made without a document keep an explicit marker rather than blocking the way back.
    op.execute("UPDATE applications SET document_type = 'none' WHERE document_type IS NULL")
    op.alter_column("applications", "document_type", existing_type=sa.Text, nullable=False)
