"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from shomei_print_gateway.domain.certificate import AcademicRecord, CertificateContent, Issuer, RenderedCertificate
from shomei_print_gateway.domain.verification import Retention
from shomei_shared.clock import Clock
from shomei_shared.crash_points import CrashPoints
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


class PrintOrderRepository(Protocol):
    def add(self, row: Row) -> bool:
        """Insert an order heard of; False when it was there already (heard twice)."""

    def get(self, order_id: str) -> Row | None: ...

    def lock(self, order_id: str) -> Row | None:
        """The order, its row locked until the transaction ends: a decision on its state that
        another process (the consumer, the jobs round) cannot overtake."""

    def update(self, order_id: str, **values: Any) -> None: ...

    def due(self, now: datetime, limit: int, lease: timedelta) -> Sequence[Row]:
        """Orders to submit whose next attempt is due and whose window is open, oldest first,
        claimed for `lease` (their next attempt moved that far ahead, SKIP LOCKED): two rounds
        never submit one order at once, and one a stopped process had claimed comes back when its
        lease ends."""

    def ending(self, now: datetime, limit: int) -> Sequence[Row]:
        """Issued, due or failed orders whose window has ended (`ends_at` ≤ now), oldest first."""

    def in_state(self, tenant_id: str, states: Sequence[str], limit: int, alerted: bool = False) -> Sequence[Row]:
        """The tenant's orders in these states (and, `alerted`, those with an alert for staff),
        the nearest deadline first."""

    def alerts(self, tenant_id: str) -> int:
        """How many of the tenant's orders want staff: failed, or with an alert."""

    def in_state_anywhere(self, states: Sequence[str], limit: int) -> Sequence[Row]:
        """Every tenant's orders in these states, the longest waiting first (the jobs process's)."""

    def claim_state(self, order_id: str, state: str) -> bool:
        """Lock the order's row if it is still in `state` (False: another process moved it)."""

    def claim_ending(self, order_id: str) -> bool:
        """Lock the order's row if its window is still to be ended (False: another process did)."""


class CertificateRepository(Protocol):
    def add(self, row: Row, file_name: str, pdf: bytes) -> None:
        """The certificates row (tables.certificates) and its file."""

    def of_order(self, order_id: str) -> Sequence[Row]:
        """Its certificates with `file_name` and `pdf`, in line and copy order."""

    def previews_to_make(self, limit: int) -> Sequence[Row]:
        """Certificates without a preview (nor one recorded as unavailable), the oldest first, each
        with `pdf` (None once its file was deleted); locked, skipping those another process holds."""

    def previews_to_make_of(self, order_id: str) -> Sequence[Row]:
        """The order's certificates without a preview, locked: waits for another process making one."""

    def record_preview(self, certificate_id: str, png: bytes) -> None: ...

    def preview_unavailable(self, certificate_id: str, at: datetime) -> None:
        """Its PDF was gone before its preview was made: none will ever be shown."""

    def forget_files(self, order_id: str) -> None:
        """Delete the order's PDFs here (the rows stay: verification needs them)."""

    def page_counts(self, tenant_id: str, since: datetime) -> Sequence[Row]:
        """Per (kind, language) of the tenant's certificates issued at or after `since`: how many
        (`certificates`) and their pages' `least`, `median` (a float: halfway for an even count)
        and `most`; kind and language order."""


class SubmissionRepository(Protocol):
    def add(self, row: Row) -> None: ...

    def of_order(self, order_id: str) -> Sequence[Row]: ...

    def update(self, submission_id: str, **values: Any) -> None: ...

    def by_number(self, number: str) -> Row | None: ...


class VerificationRepository(Protocol):
    """Issued certificates as verification reads them (each row with `revoked_at`, `reason` and
    `revoked_by`, None while valid), revocations and the lookup log (ADR 0036)."""

    def by_code(self, tenant_id: str, code: str) -> Row | None: ...
    def get(self, tenant_id: str, certificate_id: str) -> Row | None: ...
    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]: ...
    def search(self, tenant_id: str, code: str | None, order_id: str | None, limit: int) -> Sequence[Row]: ...
    def revoke(self, tenant_id: str, certificate_id: str, reason: str, staff_id: str, at: datetime) -> bool: ...
    def record_lookup(self, lookup_id: str, tenant_id: str, certificate_id: str | None, at: datetime,
                      country: str | None, outcome: str) -> None: ...
    def lookups(self, tenant_id: str, certificate_ids: Sequence[str] | None, limit: int) -> Sequence[Row]: ...


class PrintGatewayUnitOfWork(AbstractUnitOfWork):
    verifications: VerificationRepository
    print_orders: PrintOrderRepository
    certificates: CertificateRepository
    submissions: SubmissionRepository


class RecordNotFound(LookupError):
    """Enrollment holds no approved record of that student number for that account."""


class AcademicRecords(Protocol):
    def record_of(self, tenant_id: str, account_id: str, student_number: str) -> tuple[AcademicRecord, Issuer]:
        """The record and its university as they are now; RecordNotFound otherwise."""


class CertificateRenderer(Protocol):
    def render(self, content: CertificateContent) -> RenderedCertificate: ...


class ProviderUnavailable(Exception):
    """No answer, a 5xx or a timeout: try again later."""


@dataclass(frozen=True)
class Upload:
    file_name: str
    pdf: bytes


@dataclass(frozen=True)
class Submitted:
    number: str
    document_ids: list[str]  # in the order of the uploads


class StorePrint(Protocol):
    """One provider. `per_document`: netprint gives a number per document; Sharp one per batch."""

    name: str
    per_document: bool

    def submit(self, uploads: Sequence[Upload], expires_at: datetime) -> Submitted: ...

    def withdraw(self, number: str) -> None:
        """Delete the number and its files at the provider (an unknown or expired one is gone already)."""

    def find(self, file_name: str) -> str | None:
        """The number holding a file we sent under this name, if the provider still has it."""


class OrderLocks(Protocol):
    def hold(self, order_id: str) -> AbstractContextManager[bool]:
        """While the block runs, no other process submits the order: True when this one holds it,
        False (at once, without waiting) when another does. A process that dies lets go."""


class PdfPages(Protocol):
    def text(self, pdf: bytes) -> str:
        """Every page's text as a PDF reader extracts it."""

    def first_page_png(self, pdf: bytes) -> bytes: ...


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; the bootstrap chooses real or test ones."""

    clock: Clock
    new_id: Callable[[], str]
    verification_url: Callable[[str, str], str] = lambda tenant, code: f"/{tenant}/verify/{code}"
    # Provider down: tries spaced from `retry_first` doubling up to `retry_most`, given up after `give_up_after`.
    retry_first: timedelta = timedelta(seconds=5)
    retry_most: timedelta = timedelta(minutes=5)
    give_up_after: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=2)
    # Test-only (ADR 0032, shomei_shared.crash_points): where the process kills itself.
    crash_points: CrashPoints = field(default_factory=CrashPoints)
    retention: Retention = field(default_factory=Retention)  # years each university's certificates are confirmed online
