"""The page a payer is sent to (the ``approve`` / ``payer-action`` link): approve, cancel, or pick a bad card."""

from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from shomei_simulators.paypal.app import PayPalSimulator
from shomei_simulators.paypal.ledger import INSTRUMENTS, Order, PayPalError
from shomei_simulators.paypal.shapes import order_json

# (value, Japanese, English): what the payer can choose, and what the capture will then do.
CHOICES = (
    ("card_ok", "カードで支払う（承認される）", "Card that is charged"),
    ("card_declined", "拒否されるカード", "Declined card (capture fails with INSTRUMENT_DECLINED)"),
    ("capture_declined", "売上が拒否される", "Capture comes back DECLINED"),
    ("capture_pending", "審査待ちになる", "Capture comes back PENDING (settle it at /_sim/captures/<id>/settle)"),
)


def _with_query(url: str, **params: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


def approval_blueprint(sim: PayPalSimulator) -> Blueprint:
    page = Blueprint("paypal_approval", __name__, template_folder="templates")

    def find(token: str) -> Order | None:
        try:
            return sim.ledger.order(token)
        except PayPalError:
            return None

    @page.get("/checkoutnow")
    def show() -> tuple[str, int] | str:
        order = find(request.args.get("token", ""))
        if order is None:
            return render_template("paypal_message.html", title="注文が見つかりません / Order not found"), 404
        return render_template("paypal_approve.html", order=order, choices=CHOICES)

    @page.post("/checkoutnow")
    def decide() -> Response | tuple[str, int] | str:
        order = find(request.form.get("token", ""))
        if order is None:
            return render_template("paypal_message.html", title="注文が見つかりません / Order not found"), 404
        if request.form.get("action") == "cancel":
            if order.cancel_url:
                return redirect(_with_query(order.cancel_url, token=order.id), code=303)
            return render_template("paypal_message.html", title="キャンセルしました / Cancelled")
        instrument = request.form.get("instrument", "card_ok")
        if instrument not in INSTRUMENTS:
            return render_template("paypal_approve.html", order=order, choices=CHOICES,
                                   error="支払い方法を選んでください / Choose a way to pay"), 400
        try:
            order = sim.ledger.approve(order.id, instrument)
        except PayPalError:
            return render_template("paypal_message.html", title="この注文は承認済みです / Already approved"), 409
        resource = order_json(sim.base(), order, [])
        sim.webhooks.emit(sim.base(), "CHECKOUT.ORDER.APPROVED", "checkout-order", resource,
                          f"An order has been approved by buyer {order.payer_id}")
        if order.return_url:
            return redirect(_with_query(order.return_url, token=order.id, PayerID=order.payer_id or ""), code=303)
        return render_template("paypal_message.html", title="承認しました / Approved")

    return page
