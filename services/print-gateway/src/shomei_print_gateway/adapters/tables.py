"""print-gateway's own tables. Every change here needs a new frozen revision in migrations/versions
(docs/adr/0013); the drift test fails until the two agree."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Index, Integer, LargeBinary, MetaData, Table, Text
from sqlalchemy.schema import UniqueConstraint
from sqlalchemy.sql import text

metadata = MetaData()

# Every certificate print-gateway issued, one row per copy: what the verification page shows and
# what the mix-up guard checks against. Holder names stay here (PostgreSQL), never in Kafka.
certificates = Table(
    "certificates", metadata,
    Column("certificate_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("order_id", Text, nullable=False, index=True),
    Column("account_id", Text, nullable=False, index=True),
    Column("student_number", Text, nullable=False),
    Column("line_index", Integer, nullable=False),  # the order's line (type) it was issued for
    Column("copy_number", Integer, nullable=False),  # 1..copies of that line
    Column("kind", Text, nullable=False),  # domain.certificate.KINDS
    Column("language", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("holder_name", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("certificate_number", Text, nullable=False, unique=True),
    Column("verification_code", Text, nullable=False, unique=True),
    Column("pages", Integer, nullable=False),
    # The first page, shown to whoever verifies: made by the jobs process after issue (ADR 0039),
    # empty until then; `preview_unavailable_at` when the PDF was gone before it was made.
    Column("preview_png", LargeBinary, nullable=True),
    Column("preview_unavailable_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("order_id", "line_index", "copy_number", name="uq_certificates_order_line_copy"),
    # The previews still to make, found without reading every certificate ever issued.
    Index("ix_certificates_preview_missing", "issued_at",
          postgresql_where=text("preview_png IS NULL AND preview_unavailable_at IS NULL")),
    # A university's recent certificates (the console's page counts per template, 90 days) without
    # reading every certificate of every university.
    Index("ix_certificates_tenant_issued", "tenant_id", "issued_at"),
)

# Revoked certificates (ADR 0036): one row each, its key making a second revocation a no-op. The
# reason stays here, never in the event.
certificate_revocations = Table(
    "certificate_revocations", metadata,
    Column("certificate_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=False),
)

# Every public lookup: when, the country of the address if the edge knew it (never the address),
# and what it answered. certificate_id is null for a code that named no certificate.
verification_lookups = Table(
    "verification_lookups", metadata,
    Column("id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("certificate_id", Text, nullable=True, index=True),
    Column("looked_up_at", DateTime(timezone=True), nullable=False),
    Column("country", Text, nullable=True),
    Column("outcome", Text, nullable=False),
    Index("ix_verification_lookups_tenant_time", "tenant_id", "looked_up_at"),
)

# The orders print-gateway heard of, with what it needs to issue them (personal data stays here,
# never in its events) and where each stands in the submission loop (ADR 0032).
print_orders = Table(
    "print_orders", metadata,
    Column("order_id", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("account_id", Text, nullable=False, index=True),
    Column("student_number", Text, nullable=False),
    Column("print_channel", Text, nullable=False),
    Column("lines", JSON, nullable=False),
    Column("deadline", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("paid_at", DateTime(timezone=True)),
    # placed | due (to submit) | issued | failed | missed | expired | withdrawn (paid back after issue)
    Column("state", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("first_attempt_at", DateTime(timezone=True)),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("failure_reason", Text),  # the last PrintReservationFailed's reason, while failed
    Column("alert", Text),  # for staff until they act: paid_back_after_print (migration 0006)
    # Yen per page at the order's chain, from OrderPlaced's quote (print_estimate / its pages); None: unknown.
    Column("page_charge", Integer),
)

# Each rendered copy's PDF under the random name it is uploaded with; the PDF is emptied when the
# window ends (deleted locally as at the provider).
certificate_files = Table(
    "certificate_files", metadata,
    Column("certificate_id", Text, primary_key=True),
    Column("order_id", Text, nullable=False, index=True),
    Column("file_name", Text, nullable=False, unique=True),
    Column("pdf", LargeBinary),
)

# One provider call: recorded (intended) before the upload, so a restart knows what may be at the
# provider; the number once the provider answered; deleted when it was withdrawn there.
submissions = Table(
    "submissions", metadata,
    Column("submission_id", Text, primary_key=True),
    Column("order_id", Text, nullable=False, index=True),
    Column("provider", Text, nullable=False),
    Column("certificate_ids", JSON, nullable=False),
    Column("state", Text, nullable=False),  # intended | submitted | orphaned | deleted
    Column("number", Text, unique=True),
    Column("document_ids", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True)),
)
