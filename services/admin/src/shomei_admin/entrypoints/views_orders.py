"""The orders of the university for its staff: the search (order number, name, kana or e-mail,
student number, status, days placed), an order's page with its whole history and its payments'
provider messages, and refunds of PayPal payments. Any signed-in staff member reads them;
registrars and tenant admins refund. Ordering and payment check the assertion again (ADR 0019)."""

from __future__ import annotations

import uuid
from dataclasses import replace

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import OrderFilterForm, RefundForm, ResendForm, show_at_fields
from shomei_admin.entrypoints.staff import mails, orders, payments, requires, reviews, staff
from shomei_admin.service_layer.ports import (
    DecidedFilter,
    OrderFilter,
    OrderSummary,
    RefundRequest,
    StaffSession,
    UpstreamError,
)

orders_pages = Blueprint("orders", __name__)
# Ordering's names of the search's filters, and the form's.
FILTER_FIELDS = {"order_id": "order_id", "student_number": "student_number", "status": "status",
                 "from": "first_day", "to": "last_day", "q": "person", "alert": "alert"}


def _by_person(member: StaffSession, text: str, filters: OrderFilter) -> tuple[list[OrderSummary], bool]:
    """Orders of the graduates whose name, kana or e-mail contains `text`, and whether there were
    more such graduates than one page. Ordering holds no personal data: the graduates are found
    among enrollment's approved applications (which carry the student number), then their
    student numbers' orders at ordering."""
    people = reviews().decided(member, DecidedFilter(decision="approved", text=text))
    numbers = sorted({item.student_number for item in people.items if item.student_number})
    if filters.student_number:
        numbers = [n for n in numbers if n == filters.student_number]
    found = {order.order_id: order for number in numbers
             for order in orders().search(member, replace(filters, student_number=number))}
    return sorted(found.values(), key=lambda order: order.placed_at, reverse=True), people.pages > 1


@orders_pages.get("/orders")
@requires()
def search() -> tuple[str, int]:
    form = OrderFilterForm(request.args)
    found: list[OrderSummary] | None = None
    more_people = False
    if form.validate():
        filters = OrderFilter((form.order_id.data or "").strip(), (form.student_number.data or "").strip(),
                              form.status.data or "", form.first_day.data or "", form.last_day.data or "",
                              form.alert.data or "")
        person = (form.person.data or "").strip()
        try:
            if person:
                found, more_people = _by_person(staff(), person, filters)
            else:
                found = orders().search(staff(), filters)
        except UpstreamError as error:
            if error.status != 400:
                raise
            show_at_fields(form, error.errors, FILTER_FIELDS)
    # Without any condition the newest orders are listed; the page says so.
    unfiltered = not any(value.strip() for value in request.args.values())
    return render_template("orders.html", form=form, found=found, unfiltered=unfiltered,
                           more_people=more_people), \
        200 if found is not None else 400


REFUND_FIELDS = {"amount": "amount", "reason": "reason", "override_reason": "override_reason"}


def _order_page(order_id: str, refused: tuple[str, RefundForm] | None = None, mail_error: str = "") -> str:
    member = staff()
    order = orders().order(member, order_id)  # another university's order is a 404, as none
    found = payments().payments(member, order_id)
    sent = mails().mails(member, order_id)
    # A new key per page shown: a double click of a resend form is one resend.
    resend_form = ResendForm(formdata=None, request_key=uuid.uuid4().hex) if member.may("registrar") else None
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
                           refunded=request.args.get("refunded"), mails=sent, resend_form=resend_form,
                           resent=request.args.get("resent"), mail_error=mail_error)


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


@orders_pages.post("/orders/<order_id>/mails/<int:mail_id>/resend")
@requires("registrar")
def resend(order_id: str, mail_id: int) -> Response | tuple[str, int]:
    form = ResendForm()
    if not form.validate_on_submit():
        return _order_page(order_id, mail_error="画面を読み込み直してから、もう一度お試しください。"), 400
    try:
        again = mails().resend(staff(), order_id, mail_id, form.request_key.data or "")
    except UpstreamError as error:
        if error.status not in (404, 409):
            raise
        return _order_page(order_id, mail_error=" ".join(error.errors.values())), error.status
    return redirect(url_for("orders.detail", order_id=order_id, resent=again.mail_id) + "#mails")
