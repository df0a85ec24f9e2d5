"""「入金済み・未充当（要返金）」: money received for orders that could not take it (paid after the
deadline, after a cancellation, twice, or another amount), with the order, the graduate's student
number, the amount and when. Staff refund it by bank transfer outside the system and record that
here, with a reason (registrars and tenant admins; ordering checks the role again and records a
double click once)."""

from __future__ import annotations

import hashlib

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import TransferRefundForm, show_at_fields
from shomei_admin.entrypoints.staff import orders, requires, reviews, staff
from shomei_admin.service_layer.ports import DecidedFilter, StaffSession, UnappliedPayment, UpstreamError

unapplied_pages = Blueprint("unapplied", __name__)


def _form(payment_id: str, sent: bool = False) -> TransferRefundForm:
    """One form per row: the payment's own prefix keeps the ids of the page's fields apart."""
    prefix = "p" + hashlib.sha256(payment_id.encode()).hexdigest()[:10]
    return TransferRefundForm(prefix=prefix) if sent else TransferRefundForm(formdata=None, prefix=prefix)


def _names(member: StaffSession, found: list[UnappliedPayment]) -> dict[str, str]:
    """The graduates' names by student number. Ordering holds no personal data: each is found
    among enrollment's approved applications, which carry the student number; one not found
    (or enrollment not answering) leaves the student number alone on the page."""
    names: dict[str, str] = {}
    for number in sorted({item.student_number for item in found}):
        try:
            people = reviews().decided(member, DecidedFilter(decision="approved", text=number)).items
        except UpstreamError:
            continue
        name = next((person.applicant_name for person in people if person.student_number == number), "")
        if name:
            names[number] = name
    return names


def _list_page(refused: tuple[str, TransferRefundForm] | None = None, recorded: bool = False) -> str:
    member = staff()
    found = orders().unapplied(member)
    forms: dict[str, TransferRefundForm] = {}
    if member.may("registrar"):
        forms = {item.payment_id: _form(item.payment_id) for item in found}
    if refused is not None:
        forms[refused[0]] = refused[1]
    return render_template("unapplied.html", found=found, forms=forms, recorded=recorded,
                           names=_names(member, found))


@unapplied_pages.get("/unapplied-payments")
@requires()
def listing() -> str:
    return _list_page(recorded=request.args.get("recorded") == "1")


@unapplied_pages.post("/orders/<order_id>/unapplied-payments/<payment_id>/transfer-refund")
@requires("registrar")
def transfer_refund(order_id: str, payment_id: str) -> Response | tuple[str, int]:
    form = _form(payment_id, sent=True)
    if form.validate_on_submit():
        try:
            orders().record_transfer_refund(staff(), order_id, payment_id, (form.reason.data or "").strip())
        except UpstreamError as error:
            if error.status not in (400, 409):
                raise
            show_at_fields(form, error.errors, {"reason": "reason"})
        else:
            return redirect(url_for("unapplied.listing", recorded="1"))
    return _list_page((payment_id, form)), 400
