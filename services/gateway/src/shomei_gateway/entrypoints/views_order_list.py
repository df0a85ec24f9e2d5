"""申請履歴: every order of the graduate with its status, amounts, deadline and history in Japan
time; an unpaid order's page offers payment (views_payment) and 取消, which asks once more before
it cancels."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.order_display import CHANNELS, EVENTS, METHODS, STATUSES, label
from shomei_gateway.entrypoints.views_common import locale, ordering, payment, printing, tenant
from shomei_gateway.service_layer.ordering import OrderView
from shomei_gateway.service_layer.ports import UpstreamError

orders = Blueprint("orders", __name__, url_prefix="/orders")
WORDS = {"channels": CHANNELS, "methods": METHODS, "statuses": STATUSES, "events": EVENTS}


def _page(template: str, status: int = 200, **values: object) -> tuple[str, int]:
    return render_template(template, form=ConfirmForm(), label=label, language=locale(), **WORDS, **values), status


def order(order_id: str) -> OrderView:
    found = ordering().order(tenant(), signed_in().account_id, order_id)
    if found is None:
        abort(404)
    return found


def order_page(order_id: str, status: int = 200, **values: object) -> tuple[str, int]:
    """The order with its payment as payment reports it: ordering marks the order paid only once
    it hears PaymentCaptured, so a payment captured a moment ago is shown from payment's side.
    A Smart Pit order's page registers its bill (once at payment; the same number every time)."""
    found, account = order(order_id), signed_in().account_id
    if found.status == "paid":
        shown = values.setdefault("print_view", _printing(account, order_id))
        # Until the numbers are there, the page refreshes itself. print-gateway may still say
        # not_paid: ordering has recorded the payment, print-gateway's consumer not yet.
        values["print_waiting"] = shown is None or getattr(shown, "status", "") in ("not_paid", "waiting")
    heard = payment().payment(tenant(), account, order_id) if found.unpaid else None
    values.setdefault("payment", heard)
    if found.unpaid and (heard is None or (heard.method != found.payment_method and not heard.paid)):
        # Payment has not heard of the order, or of its new payment method, yet: the page refreshes.
        values["preparing"] = True
    elif heard is not None and heard.method == "smartpit" and not heard.paid and "smartpit_number" not in values:
        try:
            values["smartpit_number"] = payment().smartpit_bill(tenant(), account, order_id)
        except UpstreamError as error:  # past its deadline: said at the top
            values["errors"] = [*values.get("errors", ()), *error.errors.values()]  # type: ignore[misc]
    return _page("order.html", status, order=found, **values)


def _printing(account: str, order_id: str) -> object:
    """The reservation numbers as print-gateway holds them; the page stands without them when it
    cannot answer (it refreshes while the numbers are being prepared)."""
    try:
        return printing().printing(tenant(), account, order_id)
    except UpstreamError:
        return None


@orders.get("/")
@login_required
def history() -> tuple[str, int]:
    return _page("orders.html", orders=ordering().orders(tenant(), signed_in().account_id))


@orders.get("/<order_id>")
@login_required
def show(order_id: str) -> tuple[str, int]:
    return order_page(order_id)


@orders.route("/<order_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(order_id: str) -> Response | tuple[str, int]:
    found, form = order(order_id), ConfirmForm()
    if form.validate_on_submit():
        try:
            ordering().cancel(tenant(), signed_in().account_id, order_id)
        except UpstreamError as error:
            return order_page(order_id, 409, errors=list(error.errors.values()))
        return redirect(url_for("orders.show", order_id=order_id))
    if not found.unpaid:
        return redirect(url_for("orders.show", order_id=order_id))
    return _page("order_cancel.html", order=found)
