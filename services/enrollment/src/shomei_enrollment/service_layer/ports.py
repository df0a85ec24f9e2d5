"""What the service layer needs of storage and the outside world; adapters provide it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from shomei_enrollment.domain.academic_record import AcademicRecordData
from shomei_enrollment.domain.alumni import AlumniRecord
from shomei_enrollment.domain.catalogue import Catalogue
from shomei_enrollment.domain.matching import AlumniSummary
from shomei_enrollment.domain.resubmission_link import LinkRecord
from shomei_enrollment.domain.review_due import ReviewCalendar
from shomei_enrollment.domain.tenant_profile import Closure
from shomei_shared.clock import Clock
from shomei_shared.sealing import RedeemedSecret
from shomei_shared.uow import AbstractUnitOfWork

Row = Mapping[str, Any]


@dataclass(frozen=True)
class StoredImage:
    side: str
    media_type: str
    content: bytes
    width: int
    height: int


class CleanedImage(Protocol):
    @property
    def media_type(self) -> str: ...
    @property
    def content(self) -> bytes: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


class ImageCleaner(Protocol):
    """Checks an upload by content and re-encodes it; raises InvalidInput naming `field`."""

    def __call__(self, raw: bytes, field: str) -> CleanedImage: ...


class CatalogueRepository(Protocol):
    def catalogue(self, tenant_id: str) -> Catalogue: ...
    def review_calendar(self, tenant_id: str) -> ReviewCalendar: ...
    def save_catalogue(self, catalogue: Catalogue) -> None: ...
    def add_calendar_period(self, tenant_id: str, kind: str, first: date, last: date, label: str) -> None: ...


class AlumniRepository(Protocol):
    def upsert(self, tenant_id: str, records: Sequence[AlumniRecord]) -> tuple[int, int]: ...
    def by_numbers(self, tenant_id: str, student_numbers: Sequence[str]) -> dict[str, Row]:
        """The alumni records of these student numbers (absent ones left out), by student number."""
    def candidates(self, tenant_id: str, student_number: str, date_of_birth: date,
                   kana_keys: Sequence[str]) -> list[AlumniSummary]: ...


@dataclass(frozen=True)
class DecidedSearch:
    """Filters of the decided-applications list, already checked (see queries.decided_search)."""

    statuses: tuple[str, ...]
    kind: str | None = None
    decided_from: datetime | None = None  # inclusive
    decided_before: datetime | None = None  # exclusive
    text: str = ""  # spaces dropped; matched within names, e-mail and student number
    kana: str = ""  # the text as a katakana key, for names typed in hiragana or half-width kana
    offset: int = 0
    limit: int = 50


class ApplicationRepository(Protocol):
    def verified_registration(self, registration_id: str) -> Row | None: ...
    def record_verified_registration(self, registration_id: str, tenant_id: str, email: str, locale: str,
                                     verified_at: datetime) -> None: ...
    def get(self, application_id: str) -> Row | None: ...
    def id_for_registration(self, registration_id: str) -> str | None: ...
    def insert(self, row: Row) -> None: ...
    def update(self, application_id: str, **values: Any) -> None: ...
    def replace_documents(self, application_id: str, images: Sequence[StoredImage]) -> list[str]: ...
    def documents(self, application_id: str) -> list[Row]: ...
    def document(self, document_id: str) -> Row | None: ...
    def record_actor(self, application_id: str, version: int, actor_kind: str, actor_id: str) -> None: ...
    def actors(self, application_id: str) -> dict[int, tuple[str, str]]: ...
    def queue(self, tenant_id: str) -> list[Row]: ...
    def open_or_decided_since(self, tenant_id: str, since: datetime) -> list[Row]:
        """Applications awaiting review, and those decided at or after `since` (duplicate checks)."""
    def decided(self, tenant_id: str, search: DecidedSearch) -> tuple[list[Row], int]:
        """One page of the tenant's decided applications, newest decision first, and how many match."""


class GraduateRepository(Protocol):
    def create(self, graduate_id: str, tenant_id: str, application_id: str, email: str, locale: str,
               profile: Row) -> None: ...
    def by_account(self, account_id: str) -> Row | None: ...
    def by_application(self, application_id: str) -> Row | None: ...
    def add_student_number(self, graduate_id: str, student_number: str, application_id: str,
                           linked_at: datetime | None) -> None: ...
    def student_numbers(self, graduate_id: str) -> list[str]: ...
    def student_number_applications(self, graduate_id: str) -> list[tuple[str, str]]: ...
    def link_account(self, graduate_id: str, account_id: str, linked_at: datetime) -> None: ...
    def update_profile(self, graduate_id: str, profile: Row) -> None: ...
    def update_email(self, account_id: str, email: str) -> None: ...


class TenantRepository(Protocol):
    def profile(self, tenant_id: str) -> Row | None: ...
    def all(self) -> list[Row]: ...
    def save_profile(self, tenant_id: str, values: Row) -> None: ...
    def replace_closures(self, tenant_id: str, closures: tuple[Closure, ...]) -> None: ...
    def logo(self, tenant_id: str) -> Row | None: ...
    def save_logo(self, tenant_id: str, media_type: str, content: bytes, sha256: str) -> None: ...
    def seal(self, tenant_id: str) -> Row | None: ...
    def save_seal(self, tenant_id: str, content: bytes, sha256: str) -> None: ...


@dataclass(frozen=True)
class StoredRecord:
    id: str
    version: int
    digest: str


class AcademicRecordRepository(Protocol):
    def current(self, tenant_id: str, student_numbers: list[str]) -> dict[str, StoredRecord]: ...
    def save(self, tenant_id: str, record_id: str, version: int, data: AcademicRecordData, digest: str) -> None: ...
    def record(self, tenant_id: str, student_number: str) -> Row | None: ...


class ResubmissionLinkRepository(Protocol):
    def add(self, record: LinkRecord) -> None: ...
    def get(self, token_hash: str) -> LinkRecord | None:
        """The link, locked until the transaction ends (so it is used once)."""
    def save(self, record: LinkRecord) -> None: ...
    def purge_expired(self, before: datetime) -> int: ...


class SecretVault(Protocol):
    """Sealed values the notifier redeems by reference (the event's `secret_ref`)."""

    def put(self, tenant_id: str, kind: str, value: str, expires_at: datetime) -> str: ...
    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None: ...
    def purge_expired(self, now: datetime) -> int: ...


class EnrollmentUnitOfWork(AbstractUnitOfWork):
    catalogues: CatalogueRepository
    alumni: AlumniRepository
    academic_records: AcademicRecordRepository
    applications: ApplicationRepository
    graduates: GraduateRepository
    tenants: TenantRepository
    resubmission_links: ResubmissionLinkRepository
    secrets: SecretVault


@dataclass(frozen=True)
class Dependencies:
    """What the handlers need besides storage; bootstrap chooses real or test ones."""

    clock: Clock
    is_holiday: Callable[[date], bool]
    clean_image: ImageCleaner
    new_id: Callable[[], str]
    public_base_url: str  # the gateway: re-application links point there
