"""After submission: copies printed at the machines, staff retries, and the end of the window."""

from __future__ import annotations

import logging

from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.service_layer.commands import (
    ExpireEndedOrders,
    RecordPrinted,
    RetryPrintOrder,
    WithdrawReversedOrders,
)
from shomei_print_gateway.service_layer.orders import print_order_of
from shomei_print_gateway.service_layer.ports import Dependencies, PdfPages, PrintGatewayUnitOfWork, StorePrint
from shomei_print_gateway.service_layer.previews import keep_previews
from shomei_shared.errors import NotFound
from shomei_shared.uow import AggregateNotFound

log = logging.getLogger(__name__)


def record_printed(command: RecordPrinted, uow: PrintGatewayUnitOfWork) -> bool:
    """False for a callback that changes nothing: sent again, a copy printed again, or not ours."""
    with uow:
        submission = uow.submissions.by_number(command.number)
        if submission is None or submission["provider"] != command.provider:
            return False
        pairs = dict(zip(submission["document_ids"] or [], submission["certificate_ids"], strict=True))
        certificate_id = pairs.get(command.document_id)
        if certificate_id is None:
            return False
        print_order = uow.get(PrintOrder, submission["order_id"])
        changed = print_order.copy_printed(certificate_id, command.number, command.printed_at)
        uow.commit()
    return changed


def retry_print_order(command: RetryPrintOrder, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> None:
    with uow:
        order = uow.print_orders.get(command.order_id)
        if order is None or order["tenant_id"] != command.tenant_id:
            raise NotFound.one("print_order_not_found", "order_id")
        try:
            print_order = uow.get(PrintOrder, command.order_id)
        except AggregateNotFound:
            raise NotFound.one("print_order_not_found", "order_id") from None
        print_order.retry(command.staff_id, deps.clock.now())
        uow.print_orders.update(command.order_id, state="due", attempts=0, first_attempt_at=None,
                                next_attempt_at=deps.clock.now(), failure_reason=None)
        uow.commit()


def expire_ended_orders(command: ExpireEndedOrders, uow: PrintGatewayUnitOfWork, deps: Dependencies,
                        providers: dict[str, StorePrint], pdf_pages: PdfPages) -> int:
    """Withdraw each ended order's numbers at its provider, delete its files here, and record
    PrintReservationExpired once: the state changes in the transaction that records the event, so a
    restart or a second process finds nothing left to do."""
    with uow:
        ending = uow.print_orders.ending(deps.clock.now(), command.limit)
    expired = 0
    for order in ending:
        try:
            with uow:
                submissions = uow.submissions.of_order(order["order_id"])
            for submission in submissions:
                if submission["number"] and submission["state"] == "submitted":
                    providers[submission["provider"]].withdraw(submission["number"])
            with uow:
                if not uow.print_orders.claim_ending(order["order_id"]):
                    continue  # another process expired it meanwhile
                print_order_of(uow, order["order_id"], order["tenant_id"]).expire(deps.clock.now())
                keep_previews(order["order_id"], uow, deps, pdf_pages)
                uow.certificates.forget_files(order["order_id"])
                for submission in submissions:
                    uow.submissions.update(submission["submission_id"], state="deleted")
                uow.print_orders.update(order["order_id"], state="expired")
                uow.commit()
            expired += 1
        except Exception:  # one order must not stop the round: tried again next round
            log.exception("order %s could not be expired this round", order["order_id"])
    return expired


def withdraw_reversed_orders(command: WithdrawReversedOrders, uow: PrintGatewayUnitOfWork, deps: Dependencies,
                             providers: dict[str, StorePrint], pdf_pages: PdfPages) -> int:
    """For each issued order whose payment was taken back: withdraw at the provider every number
    still holding an unprinted copy, delete the files here, and record PrintReservationWithdrawn
    once (under the row's lock, as expiry). A printed copy cannot be taken back: the order then
    carries the alert `paid_back_after_print` for staff."""
    with uow:
        reversed_orders = uow.print_orders.in_state_anywhere(("withdrawing",), command.limit)
    withdrawn = 0
    for order in reversed_orders:
        try:
            with uow:
                print_order = uow.get(PrintOrder, order["order_id"])
                submissions = uow.submissions.of_order(order["order_id"])
            unprinted = set(print_order.unprinted_numbers())
            for submission in submissions:
                if submission["number"] in unprinted and submission["state"] == "submitted":
                    providers[submission["provider"]].withdraw(submission["number"])
            with uow:
                if not uow.print_orders.claim_state(order["order_id"], "withdrawing"):
                    continue  # another process did it meanwhile
                print_order = uow.get(PrintOrder, order["order_id"])
                print_order.withdraw(deps.clock.now())
                keep_previews(order["order_id"], uow, deps, pdf_pages)  # the certificates stay verifiable
                uow.certificates.forget_files(order["order_id"])
                for submission in submissions:
                    if submission["number"] in unprinted:
                        uow.submissions.update(submission["submission_id"], state="deleted")
                alert = "paid_back_after_print" if print_order.printed else None
                uow.print_orders.update(order["order_id"], state="withdrawn", next_attempt_at=None, alert=alert)
                uow.commit()
            if alert:
                log.error("order %s: its payment was taken back after %d copies were printed", order["order_id"],
                          len(print_order.printed))
            withdrawn += 1
        except Exception:  # one order must not stop the round: tried again next round
            log.exception("order %s could not be withdrawn this round", order["order_id"])
    return withdrawn
