"""What an order would be if placed now: its lines priced from the catalogue, the usage fee, the
total, the print estimate and the payment and print deadline by ordering's clock (DOMAIN rules 4,
5, 21, 22).

The confirmation page shows this, and 申請 places exactly this: `Order.place` prices through the
same function, so what the graduate confirmed and what is recorded cannot drift apart. Only the
deadline can change between the two (midnight JST passes while the page is open); the graduate
sends back the deadline they saw, and a different one is refused rather than recorded (ADR 0028).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shomei_ordering.domain.catalogue import PRINT_CHANNELS, Catalogue
from shomei_ordering.domain.deadlines import Deadline, deadline_for
from shomei_shared.errors import Violations

MAX_COPIES = 20
# What one payment by a method can carry: a Smart Pit bill is at most 300,000 yen (rule 24).
METHOD_LIMITS = {"smartpit": 300_000}


@dataclass(frozen=True)
class Line:
    type: str
    copies: int


@dataclass(frozen=True)
class Eligibility:
    """What enrollment says of the student number the order is for; the caller supplies it
    (ADR 0028), the domain only judges it."""

    student_number: str
    status: str  # 卒業 | 退学 | 除籍
    programme: str  # 学部 | 大学院


@dataclass(frozen=True)
class Quote:
    lines: list[dict[str, Any]]  # as OrderPlaced carries them
    usage_fee: int
    total: int
    print_estimate: int
    print_charge_per_page: int  # the catalogue's charge for the order's chain (estimate = this × pages)
    deadline: Deadline

    def to_document(self) -> dict[str, Any]:
        return {"lines": self.lines, "usage_fee": self.usage_fee, "total": self.total,
                "print_estimate": self.print_estimate, "deadline": self.deadline.last_moment.isoformat(),
                "ends_at": self.deadline.ends_at.isoformat()}


def quote(eligibility: Eligibility, print_channel: str, payment_method: str, lines: Sequence[Line],
          catalogue: Catalogue, now: datetime) -> Quote:
    """The order `lines` would make at `now`; every problem at its field (InvalidInput)."""
    problems = Violations()
    if print_channel not in PRINT_CHANNELS:
        problems.add("print_channel_unknown", "print_channel")
    if payment_method not in catalogue.payment_methods:
        problems.add("payment_method_not_offered", "payment_method", method=payment_method)
    priced = _priced_lines(lines, eligibility, catalogue, problems)
    total = sum(line["fee"] * line["copies"] for line in priced) + catalogue.usage_fee
    limit = METHOD_LIMITS.get(payment_method)
    if limit is not None and total > limit:
        problems.add("amount_exceeds_method_limit", "payment_method", most=limit, total=total)
    problems.raise_if_any()
    return Quote(lines=priced, usage_fee=catalogue.usage_fee, total=total,
                 print_estimate=catalogue.print_estimate(print_channel,
                                                         sum(ln["pages"] * ln["copies"] for ln in priced)),
                 print_charge_per_page=catalogue.print_charge(print_channel), deadline=deadline_for(now))


def _priced_lines(lines: Sequence[Line], eligibility: Eligibility, catalogue: Catalogue,
                  problems: Violations) -> list[dict[str, Any]]:
    if not lines:
        problems.add("order_no_lines", "lines")
        return []
    priced: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, line in enumerate(lines):
        certificate = catalogue.type_of(line.type)
        if certificate is None:
            problems.add("certificate_type_unknown", f"lines.{index}.type")
            continue
        if line.type in seen:
            problems.add("certificate_type_repeated", f"lines.{index}.type")
        seen.add(line.type)
        if not certificate.admits(eligibility.status, eligibility.programme):
            problems.add("certificate_type_not_eligible", f"lines.{index}.type", name=certificate.name_ja,
                         status=eligibility.status, programme=eligibility.programme)
        elif not certificate.store_printing:
            problems.add("certificate_type_not_printable", f"lines.{index}.type", name=certificate.name_ja)
        if not 1 <= line.copies <= MAX_COPIES:
            problems.add("copies_out_of_range", f"lines.{index}.copies", most=MAX_COPIES)
        # The template and language tell the print service which certificate to render, in which
        # language (OrderPlaced v2).
        priced.append({"type": certificate.code, "name_ja": certificate.name_ja, "name_en": certificate.name_en,
                       "fee": certificate.fee, "copies": line.copies, "pages": certificate.pages,
                       "template": certificate.template, "language": certificate.language})
    copies = sum(line.copies for line in lines)
    if copies > MAX_COPIES:
        problems.add("too_many_copies", "lines", most=MAX_COPIES, copies=copies)
    return priced
