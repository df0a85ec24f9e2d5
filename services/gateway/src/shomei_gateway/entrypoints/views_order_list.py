"""申請履歴: every order of the graduate with its status, amounts, deadline and history in Japan
time; an unpaid order's page offers 取消, which asks once more before it cancels."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.order_display import CHANNELS, EVENTS, METHODS, STATUSES, label
from shomei_gateway.entrypoints.views_common import locale, ordering, tenant
from shomei_gateway.service_layer.ordering import OrderView
from shomei_gateway.service_layer.ports import UpstreamError

orders = Blueprint("orders", __name__, url_prefix="/orders")
WORDS = {"channels": CHANNELS, "methods": METHODS, "statuses": STATUSES, "events": EVENTS}


def _page(template: str, status: int = 200, **values: object) -> tuple[str, int]:
    return render_template(template, form=ConfirmForm(), label=label, language=locale(), **WORDS, **values), status


def _order(order_id: str) -> OrderView:
    found = ordering().order(tenant(), signed_in().account_id, order_id)
    if found is None:
        abort(404)
    return found


@orders.get("/")
@login_required
def history() -> tuple[str, int]:
    return _page("orders.html", orders=ordering().orders(tenant(), signed_in().account_id))


@orders.get("/<order_id>")
@login_required
def show(order_id: str) -> tuple[str, int]:
    return _page("order.html", order=_order(order_id))


@orders.route("/<order_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(order_id: str) -> Response | tuple[str, int]:
    order, form = _order(order_id), ConfirmForm()
    if form.validate_on_submit():
        try:
            ordering().cancel(tenant(), signed_in().account_id, order_id)
        except UpstreamError as error:
            return _page("order.html", 409, order=_order(order_id), errors=list(error.errors.values()))
        return redirect(url_for("orders.show", order_id=order_id))
    if not order.unpaid:
        return redirect(url_for("orders.show", order_id=order_id))
    return _page("order_cancel.html", order=order)
