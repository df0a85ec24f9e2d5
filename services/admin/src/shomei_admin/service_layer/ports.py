"""What the console needs from identity (staff sign-in) and enrollment (reviews, records)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

ROLES = ("reviewer", "registrar", "auditor", "tenant_admin")


class UpstreamError(Exception):
    def __init__(self, status: int, errors: dict[str, str]) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors


@dataclass(frozen=True)
class StaffSession:
    staff_id: str
    tenant_id: str
    email: str
    roles: tuple[str, ...]
    # Identity's signed statement of who this is, sent with every call made on their behalf.
    assertion: str | None = field(default=None, repr=False, compare=False)

    def may(self, role: str) -> bool:
        return role in self.roles or "tenant_admin" in self.roles


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another open or recently decided application of the tenant that may be the same person's."""

    application_id: str
    applicant_name: str
    email: str
    status: str
    reasons: tuple[str, ...]  # same_email | same_name_and_birth_date


@dataclass(frozen=True)
class QueueItem:
    application_id: str
    kind: str  # registration | student_number
    applicant_name: str
    submitted_at: datetime
    due_at: datetime
    overdue: bool
    status: str
    # Two applicants of the same name are told apart by their address.
    email: str = ""
    duplicates: tuple[PossibleDuplicate, ...] = ()


@dataclass(frozen=True)
class DecidedFilter:
    decision: str = ""  # approved | rejected | returned, or every one
    kind: str = ""  # registration | student_number, or both
    first_day: str = ""  # YYYY-MM-DD (JST), both days included
    last_day: str = ""
    text: str = ""  # within names, kana, e-mail and student number
    page: int = 1


@dataclass(frozen=True)
class DecidedItem:
    application_id: str
    kind: str
    status: str
    applicant_name: str
    applicant_kana: str
    email: str
    student_number: str
    submitted_at: datetime
    decided_at: datetime


@dataclass(frozen=True)
class DecidedPage:
    items: list[DecidedItem]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Document:
    document_id: str
    side: str  # front | back


@dataclass(frozen=True)
class CatalogueNames:
    """The tenant's names for the codes an application holds, each as (Japanese, English)."""

    universities: dict[str, tuple[str, str]] = field(default_factory=dict)  # code
    faculties: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (university, faculty)
    departments: dict[tuple[str, str, str], tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    student_number: str
    name_kana: str
    birth_date: str
    matched: tuple[str, ...]  # which fields agree


@dataclass(frozen=True)
class ApplicationDetail:
    application_id: str
    kind: str
    status: str
    submitted_at: datetime
    due_at: datetime
    data: dict[str, Any]
    documents: list[Document] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    duplicates: tuple[PossibleDuplicate, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    what: str  # the event's type (ApplicationSubmitted …); the page words it in the staff's language
    who: str  # applicant | staff | system
    detail: str = ""
    # The chain of causes: the conversation (one id from the request to the last mail) and the
    # direct cause (the request itself when it equals the conversation, else another event).
    message_id: str = ""
    correlation_id: str = ""
    causation_id: str = ""

    @property
    def caused_by_request(self) -> bool:
        return bool(self.causation_id) and self.causation_id == self.correlation_id


@dataclass(frozen=True)
class ImportReport:
    imported: int
    updated: int
    errors: list[tuple[int, str, str]]  # (row, field, reason)


@dataclass(frozen=True)
class RecordsImportReport:
    created: int
    replaced: int
    unchanged: int
    rejected: int  # student numbers none of whose data was written
    problems: list[tuple[str, int, str, str]]  # (file: records | courses, row, column, reason)


@dataclass(frozen=True)
class RecordVersion:
    version: int
    at: datetime
    staff_id: str
    courses: int


@dataclass(frozen=True)
class AcademicRecordHistory:
    """A student number's academic record as it is now, and every version, newest first."""

    student_number: str
    version: int
    total_credits: str
    gpa: str
    courses: int
    versions: tuple[RecordVersion, ...]


@dataclass(frozen=True)
class StaffLogin:
    session_id: str
    device: str | None = None  # the id for the browser's device cookie (docs/adr/0026)


@dataclass(frozen=True)
class StaffLockout:
    """A staff member whose sign-in is locked from some address (docs/adr/0021)."""

    staff_id: str
    email: str
    locked_until: datetime


class StaffIdentityApi(Protocol):
    def staff_login(self, tenant_id: str, email: str, password: str, totp: str, source: str = "",
                    device: str = "") -> StaffLogin:
        """`source`: the client's address; identity locks failed logins per account and source.
        `device`: the browser's device cookie; a device known for the member is guarded on its own."""
    def staff_lockouts(self, staff: StaffSession) -> list[StaffLockout]:
        """The staff of `staff`'s university whose sign-in is locked now."""
    def staff_session(self, session_id: str, tenant_id: str) -> StaffSession | None:
        """The staff session, if it was made at `tenant_id`'s console."""
    def staff_logout(self, session_id: str) -> None: ...


class ReviewApi(Protocol):
    def queue(self, staff: StaffSession) -> list[QueueItem]: ...
    def decided(self, staff: StaffSession, filters: DecidedFilter) -> DecidedPage:
        """UpstreamError 400 with reasons by filter name (decision, kind, from, to, q, page)."""
    def catalogue(self, staff: StaffSession) -> CatalogueNames: ...
    def detail(self, staff: StaffSession, application_id: str) -> ApplicationDetail: ...
    def image(self, staff: StaffSession, application_id: str, image_id: str) -> tuple[bytes, str]: ...
    def decide(self, staff: StaffSession, application_id: str, decision: str, reason: str,
               student_number: str) -> None: ...
    def history(self, staff: StaffSession, application_id: str) -> list[HistoryEntry]: ...
    def import_alumni(self, staff: StaffSession, csv_bytes: bytes) -> ImportReport: ...
    def import_academic_records(self, staff: StaffSession, records: bytes, courses: bytes) -> RecordsImportReport:
        """UpstreamError 400 with reasons by file (records, courses) when a file cannot be read."""
    def academic_record(self, staff: StaffSession, student_number: str) -> AcademicRecordHistory | None:
        """None when the staff member's university has no record of the number."""


@dataclass(frozen=True)
class ProfileChange:
    at: datetime
    staff_id: str
    fields: tuple[str, ...]


class TenantAdminApi(Protocol):
    """The university's profile, for its tenant admins (enrollment owns it)."""

    def profile(self, staff: StaffSession) -> dict[str, Any]: ...

    def change_profile(self, staff: StaffSession, profile: dict[str, Any], logo: bytes | None,
                       seal: bytes | None = None) -> list[str]:
        """The changed fields' names; UpstreamError with reasons by field (a seal that is no PNG: `seal`)."""

    def seal(self, staff: StaffSession) -> bytes | None:
        """The university's seal (PNG), or None before one is uploaded."""

    def history(self, staff: StaffSession) -> list[ProfileChange]: ...


# --- Orders and payments (ordering and payment own them; the console only reads here) ----------

ORDER_STATUSES = ("placed", "paid", "cancelled", "expired")


@dataclass(frozen=True)
class OrderFilter:
    """Every condition is optional; none at all lists the newest orders."""

    order_id: str = ""
    student_number: str = ""
    status: str = ""  # one of ORDER_STATUSES, or every one
    first_day: str = ""  # YYYY-MM-DD (JST) placed, both days included
    last_day: str = ""
    alert: str = ""  # payment_reversed: orders whose money was taken back (Smart Pit 速報取消)


@dataclass(frozen=True)
class OrderSummary:
    order_id: str
    student_number: str
    status: str
    total: int
    copies: int
    payment_method: str  # paypal | smartpit
    print_channel: str  # netprint | sharp
    placed_at: datetime
    deadline: datetime
    account_id: str = ""
    payment_reversed_at: datetime | None = None  # the money that paid it was taken back: staff look


@dataclass(frozen=True)
class OrderEvent:
    """One event of an order or of its payment: what, when, through which correlation, and the
    ids and amounts it carries (by, payment_id, amount, capture_id, reason …)."""

    at: datetime
    what: str
    correlation_id: str = ""
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class OrderDetail:
    summary: OrderSummary
    lines: tuple[tuple[str, int], ...]  # (certificate type, copies)
    history: tuple[OrderEvent, ...]


@dataclass(frozen=True)
class PaymentRecord:
    """An order's payment and every message of its provider that moved it."""

    payment_id: str
    method: str
    amount: int
    status: str
    history: tuple[OrderEvent, ...]
    refunded: int = 0  # given back so far, by staff refunds

    @property
    def refundable(self) -> int:
        """What staff may still give back (only PayPal captures are refunded from the console)."""
        return self.amount - self.refunded if self.method == "paypal" and self.status == "captured" else 0


class OrdersApi(Protocol):
    def search(self, staff: StaffSession, filters: OrderFilter) -> list[OrderSummary]:
        """UpstreamError 400 with reasons by filter name (order_id, student_number, status, from, to)."""
    def order(self, staff: StaffSession, order_id: str) -> OrderDetail:
        """UpstreamError 404 for no such order of the staff member's university."""
    def unapplied(self, staff: StaffSession) -> list[UnappliedPayment]:
        """Money received for orders that could not take it, not refunded yet, oldest first."""
    def record_transfer_refund(self, staff: StaffSession, order_id: str, payment_id: str, reason: str) -> None:
        """Record once that it was refunded by bank transfer; UpstreamError 400 at `reason`, 409
        when there is no such money on the order, 403 without the registrar role."""


@dataclass(frozen=True)
class UnappliedPayment:
    """「入金済み・未充当（要返金）」: money an order could not take (expired, cancelled, paid twice…)."""

    payment_id: str
    order_id: str
    student_number: str  # the graduate (ordering holds no name)
    amount: int
    reason: str  # expired | cancelled | already_paid | amount_mismatch
    paid_at: datetime


@dataclass(frozen=True)
class RefundRequest:
    payment_id: str
    request_key: str  # the form's own: the same form sent twice is one refund
    amount: int
    reason: str
    override_reason: str = ""  # required after the order's print deadline


class PaymentsApi(Protocol):
    def payments(self, staff: StaffSession, order_id: str) -> list[PaymentRecord]:
        """The order's payments (none before payment has heard of the order)."""
    def refund(self, staff: StaffSession, request: RefundRequest) -> int:
        """The amount refunded; UpstreamError 400 by field (amount, reason, override_reason), 409
        for a payment not captured, 403 without the registrar role."""


@dataclass(frozen=True)
class MailRecord:
    """One mail of an order as the notifier logged it: never its content. A resend names the
    mail it repeats and the staff member who asked; `created_at` is when it was asked for."""

    mail_id: int
    template_key: str  # order_received, smartpit_number, payment_completed, payment_reminder, …
    recipient: str
    status: str  # pending, retrying, sent, given_up
    created_at: datetime
    sent_at: datetime | None
    resendable: bool
    resend_of: int | None = None
    requested_by: str | None = None


class MailsApi(Protocol):
    def mails(self, staff: StaffSession, order_id: str) -> list[MailRecord]:
        """The order's mails, resends included, oldest first (none of another university's order)."""
    def resend(self, staff: StaffSession, order_id: str, mail_id: int, request_key: str) -> MailRecord:
        """The resend (the same one for the same request key: a double click sends once);
        UpstreamError 403 without the registrar role, 404 for no such mail of the order, 409 for
        a mail that cannot be resent."""


@dataclass(frozen=True)
class CatalogueVersion:
    version: int
    changed_at: datetime
    staff_id: str
    catalogue: dict[str, Any]
    correlation_id: str = ""


class CatalogueEditorApi(Protocol):
    """The university's certificate catalogue, for its tenant admins (ordering owns it and checks
    every rule; its refusals name fields as `types.0.fee`, `usage_fee`, `payment_methods` …)."""

    def catalogue(self, staff: StaffSession) -> dict[str, Any]: ...

    def change_catalogue(self, staff: StaffSession, catalogue: dict[str, Any]) -> bool:
        """Whether anything changed; UpstreamError 400 with reasons by field."""

    def history(self, staff: StaffSession) -> list[CatalogueVersion]:
        """Every version, newest first."""
