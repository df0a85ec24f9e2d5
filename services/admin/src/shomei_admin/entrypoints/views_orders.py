"""The orders of the university for its staff: the search (order number, student number, status,
days placed) and an order's page with its whole history and its payments' provider messages.
Any signed-in staff member reads them; ordering and payment check the assertion again (ADR 0019)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from shomei_admin.entrypoints.forms import OrderFilterForm, show_at_fields
from shomei_admin.entrypoints.staff import orders, payments, requires, staff
from shomei_admin.service_layer.ports import OrderFilter, OrderSummary, UpstreamError

orders_pages = Blueprint("orders", __name__)
# Ordering's names of the search's filters, and the form's.
FILTER_FIELDS = {"order_id": "order_id", "student_number": "student_number", "status": "status",
                 "from": "first_day", "to": "last_day"}


@orders_pages.get("/orders")
@requires()
def search() -> tuple[str, int]:
    form = OrderFilterForm(request.args)
    found: list[OrderSummary] | None = None
    if form.validate():
        try:
            found = orders().search(staff(), OrderFilter(
                (form.order_id.data or "").strip(), (form.student_number.data or "").strip(),
                form.status.data or "", form.first_day.data or "", form.last_day.data or ""))
        except UpstreamError as error:
            if error.status != 400:
                raise
            show_at_fields(form, error.errors, FILTER_FIELDS)
    # Without any condition the newest orders are listed; the page says so.
    unfiltered = not any(value.strip() for value in request.args.values())
    return render_template("orders.html", form=form, found=found, unfiltered=unfiltered), \
        200 if found is not None else 400


@orders_pages.get("/orders/<order_id>")
@requires()
def detail(order_id: str) -> str:
    member = staff()
    order = orders().order(member, order_id)  # another university's order is a 404, as none
    return render_template("order.html", order=order, payments=payments().payments(member, order_id))
