"""Paying an unpaid order (ADR 0029): お支払いへ (PayPal) sends the browser to PayPal's approval page;
PayPal sends it back to /paypal/return (capture, once however often) or /paypal/cancel. A Smart Pit
order's number is shown on the order page itself (views_order_list.order_page).

Payment opens an order's payment when it hears ordering's OrderPlaced, a moment after 申請: until
then it answers 404, so starting waits a little and otherwise shows the page as "preparing"."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, current_app, redirect, request, url_for
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import ordering, payment, tenant
from shomei_gateway.entrypoints.views_order_list import order, order_page
from shomei_gateway.service_layer.ports import UpstreamError

pay = Blueprint("pay", __name__, url_prefix="/orders")
T = TypeVar("T")
# Seconds between the tries while payment has not yet heard of a new order (app.config may change it).
RETRY_DELAYS_S = (0.3, 0.7, 1.5)


def _once_heard(call: Callable[[], T]) -> T:
    """`call`, tried again while payment answers 404 (not heard yet); the last 404 is raised."""
    delays: tuple[float, ...] = current_app.config.get("SHOMEI_PAYMENT_RETRY_DELAYS_S", RETRY_DELAYS_S)
    for delay in delays:
        try:
            return call()
        except UpstreamError as error:
            if error.status != 404:
                raise
        time.sleep(delay)
    return call()


def _back(order_id: str) -> Response:
    return redirect(url_for("orders.show", order_id=order_id), 303)


@pay.post("/<order_id>/paypal")
@login_required
def paypal(order_id: str) -> Response | tuple[str, int]:
    found = order(order_id)
    if not ConfirmForm().validate_on_submit() or not found.unpaid or found.payment_method != "paypal":
        return _back(order_id)  # paid meanwhile (another tab, the back button): the page says so
    return_url = url_for("pay.paypal_return", order_id=order_id, _external=True)
    cancel_url = url_for("pay.paypal_cancel", order_id=order_id, _external=True)
    try:
        approve_url = _once_heard(lambda: payment().start_paypal(
            tenant(), signed_in().account_id, order_id, return_url, cancel_url))
    except UpstreamError as error:
        if error.status == 404:
            return order_page(order_id)  # "preparing": the page refreshes itself
        return order_page(order_id, 409, errors=list(error.errors.values()))
    return redirect(approve_url, 303)  # payment's answer: PayPal's approval page for this order


@pay.get("/<order_id>/paypal/return")
@login_required
def paypal_return(order_id: str) -> tuple[str, int]:
    order(order_id)  # another's order is not found, whatever the token
    token = request.args.get("token", "")
    if not token:
        return order_page(order_id, 400, outcome="foreign")
    try:
        outcome = payment().paypal_return(tenant(), signed_in().account_id, order_id, token)
    except UpstreamError as error:
        return order_page(order_id, 409, errors=list(error.errors.values()))
    return order_page(order_id, outcome=outcome)


@pay.get("/<order_id>/paypal/cancel")
@login_required
def paypal_cancel(order_id: str) -> tuple[str, int]:
    return order_page(order_id, outcome="cancelled")


@pay.post("/<order_id>/payment-method")
@login_required
def change_method(order_id: str) -> Response | tuple[str, int]:
    """コンビニ払い（スマートピット）に変更 (a declined card), or back to PayPal, while unpaid. A
    double click asks ordering twice for the same method: the second changes nothing."""
    order(order_id)
    method = request.form.get("payment_method", "")
    if not ConfirmForm().validate_on_submit() or method not in ("paypal", "smartpit"):
        return _back(order_id)
    try:
        ordering().change_payment_method(tenant(), signed_in().account_id, order_id, method)
    except UpstreamError as error:
        if error.status not in (400, 409):
            raise
        return order_page(order_id, 409, errors=list(error.errors.values()))
    return _back(order_id)
