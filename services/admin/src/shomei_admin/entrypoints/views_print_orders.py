"""Print operations in the console (issue 10): the university's print orders by state (failed
and alerted, waiting, issued, expired), an order's printing page (numbers, provider, copies
printed, the failure reason in words, history) linked from the order's page, and a retry of a
failed submission (registrars and tenant admins; a double click, or a colleague's, answers "already
queued"). The navigation shows how many want staff. print-gateway checks the assertion again
(ADR 0019)."""

from __future__ import annotations

import logging
from typing import cast

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import PrintRetryForm
from shomei_admin.entrypoints.staff import requires, staff
from shomei_admin.service_layer.ports import StaffSession
from shomei_admin.service_layer.print_orders import FILTERS, PrintOrdersApi

log = logging.getLogger(__name__)
print_pages = Blueprint("printing", __name__)


def print_orders() -> PrintOrdersApi:
    return cast(PrintOrdersApi, current_app.extensions["shomei.print_orders"])


def alert_count(member: StaffSession | None) -> int | None:
    """The navigation's count of print orders wanting staff; None when print-gateway does not
    answer (every page of the console still works without it)."""
    if member is None:
        return None
    try:
        return print_orders().alerts(member)
    except Exception:  # any failure to reach print-gateway: the page is shown without the count
        log.warning("print-gateway's alert count is unavailable", exc_info=True)
        return None


@print_pages.get("/print-orders")
@requires()
def listing() -> str:
    state = request.args.get("state", "")
    if state and state not in FILTERS:
        abort(404)
    return render_template("print_orders.html", found=print_orders().print_orders(staff(), state), state=state,
                           filters=FILTERS)


def _page(order_id: str, error: str = "") -> str:
    member = staff()
    detail = print_orders().print_order(member, order_id)  # another university's is a 404, as none
    form = PrintRetryForm(formdata=None) if member.may("registrar") and detail.summary.state == "failed" else None
    return render_template("print_order.html", detail=detail, form=form, outcome=request.args.get("outcome"),
                           error=error)


@print_pages.get("/print-orders/<order_id>")
@requires()
def detail(order_id: str) -> str:
    return _page(order_id)


@print_pages.post("/print-orders/<order_id>/retry")
@requires("registrar")
def retry(order_id: str) -> Response | tuple[str, int]:
    if not PrintRetryForm().validate_on_submit():
        return _page(order_id, error="画面を読み込み直してから、もう一度お試しください。"), 400
    outcome = print_orders().retry(staff(), order_id)
    return redirect(url_for("printing.detail", order_id=order_id, outcome=outcome))
