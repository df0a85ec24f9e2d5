"""The verification preview (the first page as an image) made after issue, off the issuing path
(ADR 0039): issuing stores the certificate without it, and the jobs process makes it from the PDF
print-gateway holds until the window ends, in rounds where no order waits, and always before a
window's files are deleted. A PDF already gone (never expected: expiry makes the previews first)
is recorded as such and logged; no other document is ever rendered in its place."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from shomei_print_gateway import metrics
from shomei_print_gateway.service_layer.commands import RenderMissingPreviews
from shomei_print_gateway.service_layer.ports import Dependencies, PdfPages, PrintGatewayUnitOfWork, Row

log = logging.getLogger(__name__)


def render_missing_previews(command: RenderMissingPreviews, uow: PrintGatewayUnitOfWork, deps: Dependencies,
                            pdf_pages: PdfPages) -> int:
    """How many certificates this batch settled (a full batch means more may be waiting)."""
    with uow:
        # The rows stay locked until the commit: another process skips them meanwhile.
        missing = uow.certificates.previews_to_make(command.limit)
        _make(missing, uow, deps, pdf_pages)
        uow.commit()
    return len(missing)


def keep_previews(order_id: str, uow: PrintGatewayUnitOfWork, deps: Dependencies, pdf_pages: PdfPages) -> None:
    """In the transaction that is about to delete the order's files: its previews made first."""
    _make(uow.certificates.previews_to_make_of(order_id), uow, deps, pdf_pages)


def _make(missing: Sequence[Row], uow: PrintGatewayUnitOfWork, deps: Dependencies, pdf_pages: PdfPages) -> None:
    for row in missing:
        if row["pdf"] is None:
            # Staff are alerted by this line; verification shows the facts without an image.
            log.error("certificate %s of order %s has no preview and its PDF is gone: none will be shown",
                      row["certificate_id"], row["order_id"])
            uow.certificates.preview_unavailable(row["certificate_id"], deps.clock.now())
            # Before the commit: a batch rolled back and made again counts twice, which only alerts sooner.
            metrics.PREVIEWS_UNAVAILABLE.inc()
        else:
            uow.certificates.record_preview(row["certificate_id"], pdf_pages.first_page_png(row["pdf"]))
