"""Key ids beside sealed values and TOTP secrets, the last accepted TOTP step, and login guards
per source (docs/adr/0021).

Values sealed before this revision were sealed with the one key there was; they get its id
"0", the id a bare key in SHOMEI_SECRET_SEAL_KEY is given.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    for table, column in (("sealed_secrets", "key_id"), ("staff_members", "totp_key_id")):
        op.add_column(table, sa.Column(column, sa.Text, nullable=False, server_default=sa.text("'0'")))
        op.alter_column(table, column, server_default=None)
    op.add_column("staff_members", sa.Column("totp_last_step", sa.BigInteger))
    op.add_column("login_guards", sa.Column("source", sa.Text, nullable=False, server_default=sa.text("''")))
    op.drop_constraint("login_guards_pkey", "login_guards", type_="primary")
    op.create_primary_key("login_guards_pkey", "login_guards", ["subject_id", "source"])


def downgrade() -> None:
    # Guards of other sources than the unnamed one cannot fold into one row per subject.
    op.execute("DELETE FROM login_guards WHERE source <> ''")
    op.drop_constraint("login_guards_pkey", "login_guards", type_="primary")
    op.drop_column("login_guards", "source")
    op.create_primary_key("login_guards_pkey", "login_guards", ["subject_id"])
    op.drop_column("staff_members", "totp_last_step")
    op.drop_column("staff_members", "totp_key_id")
    op.drop_column("sealed_secrets", "key_id")
