"""The orders of the university for its staff: the search (order number, student number, status,
days placed) and an order's page with its whole history and its payments' provider messages.
Any signed-in staff member reads them; ordering and payment check the assertion again (ADR 0019)."""

from __future__ import annotations

import uuid

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import OrderFilterForm, RefundForm, show_at_fields
from shomei_admin.entrypoints.staff import orders, payments, requires, staff
from shomei_admin.service_layer.ports import OrderFilter, OrderSummary, RefundRequest, UpstreamError

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


REFUND_FIELDS = {"amount": "amount", "reason": "reason", "override_reason": "override_reason"}


def _order_page(order_id: str, refused: tuple[str, RefundForm] | None = None) -> str:
    member = staff()
    order = orders().order(member, order_id)  # another university's order is a 404, as none
    found = payments().payments(member, order_id)
    forms: dict[str, RefundForm] = {}
    if member.may("registrar"):
        for payment in found:
            if payment.refundable:
                # A new key per page shown: a double click of this form is one refund.
                forms[payment.payment_id] = RefundForm(formdata=None, request_key=uuid.uuid4().hex,
                                                       amount=str(payment.refundable))
    if refused is not None:
        forms[refused[0]] = refused[1]
    return render_template("order.html", order=order, payments=found, refund_forms=forms,
                           refunded=request.args.get("refunded"))


@orders_pages.get("/orders/<order_id>")
@requires()
def detail(order_id: str) -> str:
    return _order_page(order_id)


@orders_pages.post("/orders/<order_id>/payments/<payment_id>/refunds")
@requires("registrar")
def refund(order_id: str, payment_id: str) -> Response | tuple[str, int]:
    form = RefundForm()
    if form.validate_on_submit():
        try:
            amount = payments().refund(staff(), RefundRequest(
                payment_id, form.request_key.data or "", int((form.amount.data or "0").strip()),
                (form.reason.data or "").strip(), (form.override_reason.data or "").strip()))
        except UpstreamError as error:
            if error.status not in (400, 409):
                raise
            show_at_fields(form, error.errors, REFUND_FIELDS)
        else:
            return redirect(url_for("orders.detail", order_id=order_id, refunded=amount))
    return _order_page(order_id, (payment_id, form)), 400
