"""Issuing a paid order's certificates: one per line and copy, from the record enrollment holds now
and its university, rendered, and read back by the mix-up guard before anything is stored."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shomei_print_gateway.domain.certificate import (
    AcademicRecord,
    CannotRender,
    CertificateContent,
    RenderedCertificate,
    new_verification_code,
)
from shomei_print_gateway.domain.deadlines import tokyo_date
from shomei_print_gateway.domain.mixup import Expected, mismatches
from shomei_print_gateway.domain.templates import template_of
from shomei_print_gateway.service_layer.ports import (
    AcademicRecords,
    CertificateRenderer,
    Dependencies,
    PdfPages,
    RecordNotFound,
    Row,
)

log = logging.getLogger(__name__)


class NotIssued(Exception):
    """`reason` is a PrintReservationFailed reason: record_not_found, record_incomplete, template_unknown, mix_up."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Issued:
    row: Mapping[str, Any]  # the certificates row
    pdf: bytes


def holder_name(record: AcademicRecord, language: str) -> str:
    return record.name_romaji if language == "en" else record.name_kanji


def issue(order: Row, records: AcademicRecords, renderer: CertificateRenderer, pdf_pages: PdfPages,
          deps: Dependencies) -> list[Issued]:
    """Every copy of the order, checked; NotIssued when one cannot be (nothing is kept then)."""
    try:
        record, issuer = records.record_of(order["tenant_id"], order["account_id"], order["student_number"])
    except RecordNotFound:
        raise NotIssued("record_not_found") from None
    now = deps.clock.now()
    issued: list[Issued] = []
    for index, line in enumerate(order["lines"]):
        template = template_of(line)
        if template is None:
            raise NotIssued("template_unknown")
        title = str(line["name_en"] if template.language == "en" else line["name_ja"])
        for copy in range(1, int(line["copies"]) + 1):
            code = new_verification_code()
            content = CertificateContent(
                kind=template.kind, language=template.language, title=title, record=record, issuer=issuer,
                issued_on=tokyo_date(now), certificate_number=_certificate_number(deps), verification_code=code,
                verification_url=deps.verification_url(order["tenant_id"], code))
            rendered = _checked(content, order, renderer, pdf_pages)
            issued.append(Issued(row={
                "certificate_id": deps.new_id(), "tenant_id": order["tenant_id"], "order_id": order["order_id"],
                "account_id": order["account_id"], "student_number": order["student_number"],
                "line_index": index, "copy_number": copy, "kind": template.kind, "language": template.language,
                "title": title, "holder_name": holder_name(record, template.language),
                "issued_on": content.issued_on, "issued_at": now,
                "certificate_number": content.certificate_number,
                "verification_code": content.verification_code, "pages": rendered.pages},
                pdf=rendered.pdf))  # its preview is made later, from this PDF (service_layer/previews.py)
    return issued


def _certificate_number(deps: Dependencies) -> str:
    return f"{tokyo_date(deps.clock.now()):%Y%m%d}-{deps.new_id().replace('-', '')[:10].upper()}"


def _checked(content: CertificateContent, order: Row, renderer: CertificateRenderer,
             pdf_pages: PdfPages) -> RenderedCertificate:
    try:
        rendered = renderer.render(content)
    except CannotRender as problem:
        # Staff are alerted by PrintReservationFailed(record_incomplete); the field, never its value.
        log.error("order %s cannot be rendered: the record's %s", order["order_id"], problem.field)
        raise NotIssued("record_incomplete") from None
    expected = Expected(holder_name(content.record, content.language), order["student_number"],
                        content.verification_code)
    wrong: Sequence[str] = mismatches(pdf_pages.text(rendered.pdf), expected)
    if content.record.student_number != order["student_number"]:
        wrong = [*wrong, "record"]  # enrollment answered with another student number's record
    if wrong:
        # Staff are alerted by this line and by PrintReservationFailed(mix_up); no name is logged.
        log.error("mix-up guard stopped order %s: its document does not show %s", order["order_id"],
                  ", ".join(wrong))
        raise NotIssued("mix_up")
    return rendered
