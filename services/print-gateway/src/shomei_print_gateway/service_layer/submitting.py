"""The submission round of the jobs process: each paid order due is issued (once), then each of its
provider calls is made once, then the reservation is issued (ADR 0032).

Crash safety: a provider call is recorded as `intended` with the certificates, and marked
`uploading` in a committed transaction just before it is made. A call found `uploading` after a
restart may have reached the provider without our learning its number: the provider is asked for
the file by its random name, and what it holds is withdrawn there before the call is made again, so
each document ends up under exactly one number. The files' random names carry no personal data."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from shomei_print_gateway import metrics
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.service_layer.commands import SubmitDueOrders
from shomei_print_gateway.service_layer.issuing import Issued, NotIssued, issue
from shomei_print_gateway.service_layer.orders import print_order_of
from shomei_print_gateway.service_layer.ports import (
    AcademicRecords,
    CertificateRenderer,
    Dependencies,
    OrderLocks,
    PdfPages,
    PrintGatewayUnitOfWork,
    ProviderUnavailable,
    Row,
    StorePrint,
    Upload,
)

log = logging.getLogger(__name__)
CHANNEL_PROVIDER = {"netprint": "netprint", "sharp": "sharpprint"}
# The SIGKILL test's point between the provider's answer and our commit (shomei_shared.crash_points).
AFTER_UPLOAD = "after_upload"
CRASH_POINTS = (AFTER_UPLOAD,)


def submit_due_orders(command: SubmitDueOrders, uow: PrintGatewayUnitOfWork, deps: Dependencies,
                      records: AcademicRecords, renderer: CertificateRenderer, pdf_pages: PdfPages,
                      providers: dict[str, StorePrint], locks: OrderLocks) -> int:
    """How many orders this round took up (a full batch means more may be waiting). Any number of
    jobs processes run these rounds at once: each order is worked on under its lock, by the round
    whose claim it still carries (ADR 0039)."""
    with uow:
        due = uow.print_orders.due(deps.clock.now(), command.limit, deps.lease)
        uow.commit()  # the claim: another round skips them until their lease ends
    for claimed in due:
        with locks.hold(claimed["order_id"]) as held:
            order = _still_claimed(claimed, held, uow)
            if order is None:
                continue
            try:
                _submit(order, uow, deps, records, renderer, pdf_pages,
                        providers[CHANNEL_PROVIDER[order["print_channel"]]])
            except ProviderUnavailable:
                _later(order, uow, deps)
            except NotIssued as refused:
                _fail(order, refused.reason, uow, deps)
            except Exception:  # one order must not stop the round; its lease brings it back
                log.exception("order %s could not be submitted this round", order["order_id"])
    return len(due)


def _still_claimed(claimed: Row, held: bool, uow: PrintGatewayUnitOfWork) -> Row | None:
    """The order as it is now, if this round may work on it: no other process holds it, and it is
    still due under this round's claim. A round slower than the lease finds its later orders
    claimed again by another process (which then has them), or already done."""
    if not held:
        return None
    with uow:
        order = uow.print_orders.get(claimed["order_id"])
    if order is None or order["state"] != "due" or order["next_attempt_at"] != claimed["next_attempt_at"]:
        return None
    return order


def _submit(order: Row, uow: PrintGatewayUnitOfWork, deps: Dependencies, records: AcademicRecords,
            renderer: CertificateRenderer, pdf_pages: PdfPages, provider: StorePrint) -> None:
    with uow:
        certificates = uow.certificates.of_order(order["order_id"])
    if not certificates:
        _record_issue(order, issue(order, records, renderer, pdf_pages, deps), uow, deps, provider)
        with uow:
            certificates = uow.certificates.of_order(order["order_id"])
    files = {row["certificate_id"]: Upload(row["file_name"], row["pdf"]) for row in certificates}
    with uow:
        submissions = uow.submissions.of_order(order["order_id"])
    for submission in submissions:
        if submission["state"] in ("intended", "uploading"):
            _upload(submission, [files[cid] for cid in submission["certificate_ids"]], order, uow, deps, provider)
    with uow:
        # Locked first: a payment taken back meanwhile (OrderPaymentReversed set it back to
        # `placed`) is seen here, or waits for this commit and finds it issued.
        reversed_meanwhile = (uow.print_orders.lock(order["order_id"]) or {}).get("state") == "placed"
        submitted = uow.submissions.of_order(order["order_id"])
        print_order = print_order_of(uow, order["order_id"], order["tenant_id"])
        pages = {row["certificate_id"]: int(row["pages"]) for row in certificates}
        print_order.issued(order["print_channel"], [
            {"number": row["number"], "certificate_ids": list(row["certificate_ids"]),
             "pages": sum(pages[cid] for cid in row["certificate_ids"])} for row in submitted],
            order["deadline"], deps.clock.now(), order["page_charge"])
        if reversed_meanwhile:  # the numbers exist at the provider: the withdrawal round takes them back
            uow.print_orders.update(order["order_id"], state="withdrawing", next_attempt_at=deps.clock.now())
        else:
            uow.print_orders.update(order["order_id"], state="issued", next_attempt_at=None)
        uow.commit()


def _record_issue(order: Row, copies: Sequence[Issued], uow: PrintGatewayUnitOfWork, deps: Dependencies,
                  provider: StorePrint) -> None:
    """The certificates, their files and the provider calls to make, in one transaction."""
    ids = [str(item.row["certificate_id"]) for item in copies]
    batches = [[cid] for cid in ids] if provider.per_document else [ids]
    with uow:
        for item in copies:
            uow.certificates.add(item.row, f"{deps.new_id().replace('-', '')}.pdf", item.pdf)
        for batch in batches:
            uow.submissions.add({"submission_id": deps.new_id(), "order_id": order["order_id"],
                                 "provider": provider.name, "certificate_ids": batch, "state": "intended",
                                 "created_at": deps.clock.now()})
        uow.commit()


def _upload(submission: Row, uploads: list[Upload], order: Row, uow: PrintGatewayUnitOfWork, deps: Dependencies,
            provider: StorePrint) -> None:
    if submission["state"] == "uploading":
        orphan = provider.find(uploads[0].file_name)
        if orphan is not None:
            log.warning("withdrawing %s's upload of order %s left by a stopped process", provider.name,
                        order["order_id"])
            provider.withdraw(orphan)
    else:
        with uow:
            uow.submissions.update(submission["submission_id"], state="uploading")
            uow.commit()
    submitted = provider.submit(uploads, order["ends_at"])  # deleted there when the window ends
    deps.crash_points.reached(AFTER_UPLOAD)
    with uow:
        uow.submissions.update(submission["submission_id"], state="submitted", number=submitted.number,
                               document_ids=submitted.document_ids, submitted_at=deps.clock.now())
        uow.commit()



def _later(order: Row, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> None:
    """Backoff: the first try's time is kept; past `give_up_after` the order fails."""
    now = deps.clock.now()
    attempts = int(order["attempts"]) + 1
    first: datetime = order["first_attempt_at"] or now
    if now - first >= deps.give_up_after:
        _fail(order, "provider_unavailable", uow, deps, attempts)
        return
    delay = min(deps.retry_first * 2 ** (attempts - 1), deps.retry_most)
    log.warning("the provider of order %s is unavailable (try %d); next in %s", order["order_id"], attempts, delay)
    with uow:
        uow.print_orders.update(order["order_id"], attempts=attempts, first_attempt_at=first,
                                next_attempt_at=now + delay)
        uow.commit()


def _fail(order: Row, reason: str, uow: PrintGatewayUnitOfWork, deps: Dependencies, attempts: int | None = None
          ) -> None:
    with uow:
        print_order: PrintOrder = print_order_of(uow, order["order_id"], order["tenant_id"])
        print_order.failed(reason, attempts if attempts is not None else int(order["attempts"]) + 1,
                           deps.clock.now())
        uow.print_orders.update(order["order_id"], state="failed", next_attempt_at=None, failure_reason=reason)
        uow.commit()
    metrics.SUBMISSION_FAILURES.labels(reason).inc()  # after the commit: a failure that happened
