"""The event machinery and enrollment's tables: catalogue, calendar, alumni records, verified
registrations, applications with their ID images and actors, graduates and their student numbers.

Written out column by column, never from the live tables: this revision must build the same
schema on a new database after `adapters/tables.py` has changed (docs/adr/0013). Constraint names
are the ones PostgreSQL gave the first databases, so later revisions can name them.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from shomei_shared.eventstore.migration import create_machinery_tables_v1, drop_machinery_tables_v1

revision = "0001"
down_revision = None

_TIME = sa.DateTime(timezone=True)
_NOW = sa.text("now()")


def upgrade() -> None:
    create_machinery_tables_v1(op)
    op.create_table(
        "universities",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name_ja", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
    )
    op.create_table(
        "faculties",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("university_code", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name_ja", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.ForeignKeyConstraint(["tenant_id", "university_code"], ["universities.tenant_id", "universities.code"],
                                name="faculties_tenant_id_university_code_fkey"),
    )
    op.create_table(
        "departments",
        sa.Column("tenant_id", sa.Text, primary_key=True),
        sa.Column("university_code", sa.Text, primary_key=True),
        sa.Column("faculty_code", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name_ja", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.ForeignKeyConstraint(["tenant_id", "university_code", "faculty_code"],
                                ["faculties.tenant_id", "faculties.university_code", "faculties.code"],
                                name="departments_tenant_id_university_code_faculty_code_fkey"),
    )
    op.create_table(
        "calendar_periods",
        sa.Column("id", sa.Integer, sa.Identity(always=False), primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("first_day", sa.Date, nullable=False),
        sa.Column("last_day", sa.Date, nullable=False),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("tenant_id", "kind", "first_day", "last_day",
                            name="calendar_periods_tenant_id_kind_first_day_last_day_key"),
    )
    op.create_table(
        "alumni_records",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("student_number", sa.Text, nullable=False),
        sa.Column("name_kanji", sa.Text, nullable=False),
        sa.Column("name_kana", sa.Text, nullable=False),
        sa.Column("kana_key", sa.Text, nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=False),
        sa.Column("university_code", sa.Text, nullable=False),
        sa.Column("faculty_code", sa.Text, nullable=False),
        sa.Column("department_code", sa.Text, nullable=False),
        sa.Column("graduation_year_month", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False, server_default=_NOW),
        sa.UniqueConstraint("tenant_id", "student_number", name="alumni_records_tenant_id_student_number_key"),
    )
    op.create_index("alumni_records_birth_idx", "alumni_records", ["tenant_id", "date_of_birth"])
    op.create_index("alumni_records_kana_idx", "alumni_records", ["tenant_id", "kana_key"])
    op.create_table(
        "verified_registrations",
        sa.Column("registration_id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("locale", sa.Text, nullable=False),
        sa.Column("verified_at", _TIME, nullable=False),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("registration_id", sa.Text),
        sa.Column("account_id", sa.Text),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("locale", sa.Text, nullable=False),
        sa.Column("applicant", JSONB, nullable=False),
        sa.Column("document_type", sa.Text, nullable=False),
        sa.Column("submitted_at", _TIME, nullable=False),
        sa.Column("due_at", _TIME, nullable=False),
        sa.Column("decided_at", _TIME),
        sa.Column("decision_reason", sa.Text),
        sa.Column("graduate_id", sa.Text),
        sa.UniqueConstraint("registration_id", name="applications_registration_id_key"),
    )
    op.create_index("applications_queue_idx", "applications", ["tenant_id", "status", "due_at"])
    op.create_table(
        "id_documents",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("side", sa.Text, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", _TIME, nullable=False, server_default=_NOW),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"], name="id_documents_application_id_fkey"),
        sa.UniqueConstraint("application_id", "side", name="id_documents_application_id_side_key"),
    )
    op.create_table(
        "application_actors",
        sa.Column("application_id", sa.Text, primary_key=True),
        sa.Column("aggregate_version", sa.Integer, primary_key=True),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
    )
    op.create_table(
        "graduates",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("tenant_id", sa.Text, nullable=False),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("account_id", sa.Text),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("locale", sa.Text, nullable=False),
        sa.Column("profile", JSONB, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False, server_default=_NOW),
        sa.UniqueConstraint("application_id", name="graduates_application_id_key"),
        sa.UniqueConstraint("account_id", name="graduates_account_id_key"),
    )
    op.create_table(
        "graduate_student_numbers",
        sa.Column("graduate_id", sa.Text, primary_key=True),
        sa.Column("student_number", sa.Text, primary_key=True),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("linked_at", _TIME),
        sa.ForeignKeyConstraint(["graduate_id"], ["graduates.id"], name="graduate_student_numbers_graduate_id_fkey"),
    )


def downgrade() -> None:
    # Children before the tables their foreign keys point at.
    for table in ("graduate_student_numbers", "graduates", "application_actors", "id_documents", "applications",
                  "verified_registrations", "alumni_records", "calendar_periods", "departments", "faculties",
                  "universities"):
        op.drop_table(table)
    drop_machinery_tables_v1(op)
