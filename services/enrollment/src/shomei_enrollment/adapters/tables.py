"""Enrollment's own tables (created by migrations/versions/0001). Personal data lives here, in
the service's database, and never in events."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from shomei_shared.sealing import sealed_secrets_table

metadata = MetaData()
_now = text("now()")

universities = Table(
    "universities", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name_ja", Text, nullable=False),
    Column("name_en", Text, nullable=False),
)

faculties = Table(
    "faculties", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("university_code", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name_ja", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("position", Integer, nullable=False, server_default=text("0")),
    # 学部 or 大学院 as data (revision 0006), no longer guessed from the names.
    Column("programme", Text, nullable=False, server_default="undergraduate"),
    ForeignKeyConstraint(["tenant_id", "university_code"], ["universities.tenant_id", "universities.code"]),
    CheckConstraint("programme IN ('undergraduate', 'graduate')", name="faculties_programme_known"),
)

departments = Table(
    "departments", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("university_code", Text, primary_key=True),
    Column("faculty_code", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("name_ja", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("position", Integer, nullable=False, server_default=text("0")),
    ForeignKeyConstraint(["tenant_id", "university_code", "faculty_code"],
                         ["faculties.tenant_id", "faculties.university_code", "faculties.code"]),
)

# Terms and closures decide review due times (rule 15); kinds: "term" or "closure".
calendar_periods = Table(
    "calendar_periods", metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("label", Text, nullable=False, server_default=""),
    UniqueConstraint("tenant_id", "kind", "first_day", "last_day"),
)

alumni_records = Table(
    "alumni_records", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("student_number", Text, nullable=False),
    Column("name_kanji", Text, nullable=False),
    Column("name_kana", Text, nullable=False),
    Column("kana_key", Text, nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("university_code", Text, nullable=False),
    Column("faculty_code", Text, nullable=False),
    Column("department_code", Text, nullable=False),
    Column("graduation_year_month", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=_now),
    UniqueConstraint("tenant_id", "student_number"),
    Index("alumni_records_birth_idx", "tenant_id", "date_of_birth"),
    Index("alumni_records_kana_idx", "tenant_id", "kana_key"),
)

verified_registrations = Table(
    "verified_registrations", metadata,
    Column("registration_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("verified_at", DateTime(timezone=True), nullable=False),
)

applications = Table(
    "applications", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("registration_id", Text, unique=True),
    Column("account_id", Text),
    Column("email", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("applicant", JSONB, nullable=False),
    # None for an additional student number, asked by a graduate already proven (rule 14).
    Column("document_type", Text),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decision_reason", Text),
    Column("graduate_id", Text),
    Index("applications_queue_idx", "tenant_id", "status", "due_at"),
)

# Images by a generated id, never a name the user chose; bytes re-encoded without metadata.
id_documents = Table(
    "id_documents", metadata,
    Column("id", Text, primary_key=True),
    Column("application_id", Text, ForeignKey("applications.id"), nullable=False),
    Column("side", Text, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=_now),
    UniqueConstraint("application_id", "side"),
)

# Who caused each event of an application (the events carry only what the contract lists).
application_actors = Table(
    "application_actors", metadata,
    Column("application_id", Text, primary_key=True),
    Column("aggregate_version", Integer, primary_key=True),
    Column("actor_kind", Text, nullable=False),  # applicant | staff
    Column("actor_id", Text, nullable=False),
)

graduates = Table(
    "graduates", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("application_id", Text, nullable=False, unique=True),
    Column("account_id", Text, unique=True),
    Column("email", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("profile", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=_now),
)

graduate_student_numbers = Table(
    "graduate_student_numbers", metadata,
    Column("graduate_id", Text, ForeignKey("graduates.id"), primary_key=True),
    Column("student_number", Text, primary_key=True),
    Column("application_id", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True)),  # set once the account exists
)

# A university's profile as every page and mail shows it (revision 0002); its history is the
# TenantProfileChanged events.
tenant_profiles = Table(
    "tenant_profiles", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("name_ja", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("accent", Text, nullable=False),
    Column("accent_ink", Text, nullable=False),
    Column("contact_email", Text, nullable=False),
    Column("terms_ja", Text, nullable=False, server_default=""),
    Column("terms_en", Text, nullable=False, server_default=""),
    Column("notes_ja", Text, nullable=False, server_default=""),
    Column("notes_en", Text, nullable=False, server_default=""),
    Column("logo_version", Integer, nullable=False, server_default=text("0")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=_now),
    # The university as it signs certificates (revision 0007).
    Column("president_title_ja", Text, nullable=False, server_default=""),
    Column("president_title_en", Text, nullable=False, server_default=""),
    Column("president_name_ja", Text, nullable=False, server_default=""),
    Column("president_name_en", Text, nullable=False, server_default=""),
)

tenant_logos = Table(
    "tenant_logos", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("media_type", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("sha256", Text, nullable=False),
)

# The seal printed beside the president's name: a re-encoded PNG, compared by its digest.
tenant_seals = Table(
    "tenant_seals", metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("content", LargeBinary, nullable=False),
    Column("sha256", Text, nullable=False),
)

# Academic records (revision 0007): one per (tenant, student number), replaced whole by a
# re-import; `version` counts the replacements, whose history is the AcademicRecordReplaced events
# of the record's id. `digest` tells an unchanged re-import from a change.
academic_records = Table(
    "academic_records", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("student_number", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("name_romaji", Text, nullable=False),
    Column("degree", Text, nullable=False),
    Column("degree_ja", Text, nullable=False),
    Column("degree_en", Text, nullable=False),
    Column("admitted_on", Date, nullable=False),
    Column("graduated_on", Date),
    Column("withdrawn_on", Date),
    Column("expected_graduation_on", Date),
    Column("total_credits", Numeric(6, 1), nullable=False),
    Column("gpa", Numeric(4, 2)),
    Column("digest", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=_now),
    UniqueConstraint("tenant_id", "student_number"),
)

academic_courses = Table(
    "academic_courses", metadata,
    Column("record_id", Text, ForeignKey("academic_records.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("term", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("title_ja", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("credits", Numeric(4, 1), nullable=False),
    Column("grade", Text, nullable=False),
)

# Re-application links (migrations/versions/0004): the token's SHA-256 only, never the token.
resubmission_links = Table(
    "resubmission_links", metadata,
    Column("token_hash", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("application_id", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Index("resubmission_links_expires_at_idx", "expires_at"),
)

# The sealed link URLs the notifier redeems by reference (shomei_shared.sealing).
sealed_secrets = sealed_secrets_table(metadata)
