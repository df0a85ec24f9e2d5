"""What the gateway needs from ordering: the university's catalogue and the graduate's own orders.
The HTTP adapter speaks ordering's internal API (services/ordering/README.md); tests use the fake
in tests/ordering_fakes.py, held to the same behaviour by tests/integration's contract test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

MAX_COPIES = 20  # ordering's rule (DOMAIN 21); ordering checks it again
PRINT_CHANNELS = ("netprint", "sharp")
PAYMENT_METHODS = ("paypal", "smartpit")
UNPAID = "placed"
# Enrollment's codes for a student number's status and programme → ordering's words for them.
STATUS_WORDS = {"graduated": "卒業", "withdrew": "退学", "expelled": "除籍"}
PROGRAMME_WORDS = {"undergraduate": "学部", "graduate": "大学院"}


@dataclass(frozen=True)
class CertificateType:
    code: str
    name_ja: str
    name_en: str
    fee: int
    pages: int
    statuses: tuple[str, ...]  # ordering's words: 卒業, 退学, 除籍
    programmes: tuple[str, ...]  # 学部, 大学院
    store_printing: bool = True

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ja


@dataclass(frozen=True)
class OrderCatalogue:
    types: tuple[CertificateType, ...]
    usage_fee: int
    print_charges: dict[str, int]  # yen per page, by print channel
    payment_methods: tuple[str, ...]

    def type_of(self, code: str) -> CertificateType | None:
        return next((t for t in self.types if t.code == code), None)

    def orderable(self, status: str, programme: str) -> tuple[CertificateType, ...]:
        """What the student number may order and a store can print (rule 22)."""
        return tuple(t for t in self.types if status in t.statuses and programme in t.programmes and t.store_printing)


@dataclass(frozen=True)
class OrderRequest:
    idempotency_key: str  # the confirmation page's: the same page sent twice is one order
    student_number: str
    enrollment_status: str  # 卒業 | 退学 | 除籍
    programme: str  # 学部 | 大学院
    print_channel: str
    payment_method: str
    lines: tuple[tuple[str, int], ...]  # (type code, copies)
    # The quote's deadline the confirmation page showed; ordering refuses the order if it differs.
    confirmed_deadline: datetime | None = None


@dataclass(frozen=True)
class OrderLine:
    type: str
    name_ja: str
    name_en: str
    fee: int
    copies: int
    pages: int

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ja


@dataclass(frozen=True)
class OrderQuote:
    """Ordering's answer to "what would this order be, placed now": the confirmation page shows
    it as it is, so the page and the order placed from it say the same (ordering computes both)."""

    lines: tuple[OrderLine, ...]
    usage_fee: int
    total: int
    print_estimate: int
    deadline: datetime  # the last moment to pay and to print, by ordering's clock


@dataclass(frozen=True)
class HistoryEntry:
    event: str  # OrderPlaced, OrderPaid, OrderCancelled, OrderExpired, …
    at: datetime


@dataclass(frozen=True)
class OrderView:
    id: str
    student_number: str
    print_channel: str
    payment_method: str
    total: int
    status: str  # placed (unpaid), paid, cancelled, expired
    placed_at: datetime
    deadline: datetime  # the last moment to pay and to print
    copies: int
    lines: tuple[OrderLine, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    usage_fee: int | None = None
    print_estimate: int | None = None

    @property
    def unpaid(self) -> bool:
        return self.status == UNPAID


class OrderingApi(Protocol):
    """The tenant and account are the signed-in graduate's; the HTTP adapter sends identity's
    assertion instead, which names the same two (ADR 0019)."""

    def catalogue(self, tenant_id: str, account_id: str) -> OrderCatalogue: ...

    def quote(self, tenant_id: str, account_id: str, order: OrderRequest) -> OrderQuote:
        """What placing `order` now would record (its idempotency key is not used); UpstreamError
        400 by field, as for placing."""

    def place(self, tenant_id: str, account_id: str, order: OrderRequest) -> str:
        """The order's id; the same idempotency key answers the same id. UpstreamError by field
        (`lines.N.type`, `lines.N.copies`, `lines`, `payment_method`, `print_channel`); 409 at
        `deadline` when the deadline is no longer `confirmed_deadline` (midnight JST passed)."""

    def orders(self, tenant_id: str, account_id: str) -> list[OrderView]:
        """The graduate's orders, newest first (without lines and history)."""

    def order(self, tenant_id: str, account_id: str, order_id: str) -> OrderView | None:
        """One of the graduate's orders with lines and history; None for another's or none."""

    def cancel(self, tenant_id: str, account_id: str, order_id: str) -> None:
        """Cancel an unpaid order; UpstreamError 409 for a paid or expired one, 404 for none."""

    def change_payment_method(self, tenant_id: str, account_id: str, order_id: str, method: str) -> str:
        """Pay an unpaid order another way (the same method again changes nothing): the method now;
        UpstreamError 409 for a paid, expired or cancelled order, 400 for a method not offered."""
