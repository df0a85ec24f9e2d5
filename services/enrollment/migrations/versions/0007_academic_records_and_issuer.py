"""Academic records with their courses, imported by registrars; and the university as it signs
certificates: the president's title and name, and the seal.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PRESIDENT = ("president_title_ja", "president_title_en", "president_name_ja", "president_name_en")


def upgrade() -> None:
    for name in PRESIDENT:
        op.add_column("tenant_profiles", sa.Column(name, sa.Text, nullable=False, server_default=""))
    op.create_table(
        "tenant_seals",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
    )
    op.create_table(
        "academic_records",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name_romaji", sa.Text, nullable=False),
        sa.Column("degree", sa.Text, nullable=False),
        sa.Column("degree_ja", sa.Text, nullable=False),
        sa.Column("degree_en", sa.Text, nullable=False),
        sa.Column("admitted_on", sa.Date, nullable=False),
        sa.Column("graduated_on", sa.Date),
        sa.Column("withdrawn_on", sa.Date),
        sa.Column("expected_graduation_on", sa.Date),
        sa.Column("total_credits", sa.Numeric(6, 1), nullable=False),
        sa.Column("gpa", sa.Numeric(4, 2)),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.UniqueConstraint("tenant_id", "student_number"),
    )
    op.create_table(
        "academic_courses",
        sa.Column("record_id", sa.Text, sa.ForeignKey("academic_records.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("title_ja", sa.Text, nullable=False),
        sa.Column("title_en", sa.Text, nullable=False),
        sa.Column("credits", sa.Numeric(4, 1), nullable=False),
        sa.Column("grade", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("academic_courses")
    op.drop_table("academic_records")
    op.drop_table("tenant_seals")
    for name in reversed(PRESIDENT):
        op.drop_column("tenant_profiles", name)
