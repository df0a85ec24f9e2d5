"""A faculty's programme (学部 or 大学院) as data. Until now it was read from the names: a
university or faculty whose Japanese name ends in 大学院 or 研究科 was a graduate school; the
backfill keeps exactly those answers, and from here staff keep the flag.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("faculties", sa.Column("programme", sa.Text, nullable=False, server_default="undergraduate"))
    op.create_check_constraint("faculties_programme_known", "faculties", "programme IN ('undergraduate', 'graduate')")
    op.execute("""
        UPDATE faculties AS f SET programme = 'graduate'
          FROM universities AS u
         WHERE u.tenant_id = f.tenant_id AND u.code = f.university_code
           AND (u.name_ja LIKE '%大学院' OR u.name_ja LIKE '%研究科'
                OR f.name_ja LIKE '%大学院' OR f.name_ja LIKE '%研究科')
    """)


def downgrade() -> None:
    op.drop_constraint("faculties_programme_known", "faculties")
    op.drop_column("faculties", "programme")
