"""Paying an unpaid order (ADR 0029): お支払いへ (PayPal) sends the browser to PayPal's approval page;
PayPal sends it back to /paypal/return (capture, once however often) or /paypal/cancel. A Smart Pit
order's number is shown on the order page itself (views_order_list.order_page).

Payment opens an order's payment when it hears ordering's OrderPlaced, a moment after 申請: until
then it answers 404, and the order page is shown as "preparing", refreshing itself until payment
has heard it. The request thread never sleeps waiting for it: a gunicorn worker held in a sleep
serves nobody else, and a few seconds of retries do not make a slow consumer arrive sooner."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import ordering, payment, tenant
from shomei_gateway.entrypoints.views_order_list import order, order_page
from shomei_gateway.service_layer.ports import UpstreamError

pay = Blueprint("pay", __name__, url_prefix="/orders")
log = logging.getLogger(__name__)


def _at_paypal(url: str) -> bool:
    """Whether `url` is on the configured PayPal web address (scheme, host and port). The gateway
    redirects the graduate's browser to what payment answers; a payment service misled (or a
    simulator misconfigured) must not make it an open redirect to a look-alike payment page."""
    expected, found = urlsplit(current_app.extensions["shomei.paypal_checkout_origin"]), urlsplit(url)
    return (found.scheme, found.hostname, found.port) == (expected.scheme, expected.hostname, expected.port)


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
        approve_url = payment().start_paypal(tenant(), signed_in().account_id, order_id, return_url, cancel_url)
    except UpstreamError as error:
        if error.status == 404:
            return order_page(order_id)  # "preparing": the page refreshes itself
        return order_page(order_id, 409, errors=list(error.errors.values()))
    if not _at_paypal(approve_url):
        # Only the host is logged: the link carries PayPal's token for this order.
        log.warning("approve link for order %s is not at PayPal (%s); not followed", order_id,
                    urlsplit(approve_url).hostname)
        return order_page(order_id, 502, errors=[
            _("PayPalでのお支払いを開始できませんでした。しばらくしてからもう一度お試しください。")])
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
