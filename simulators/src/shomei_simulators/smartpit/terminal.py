"""The store terminal (Famiポート / Loppi) and the register, as pages a person or a browser test uses.

Enter the 13-digit number → the terminal prints a 申込券 → "pay at the register" → the centre
sends the 速報 to the merchant.
"""

from flask import Blueprint, render_template, request

from shomei_simulators.smartpit.app import SmartPitSimulator
from shomei_simulators.smartpit.bills import STORES, SmartPitError
from shomei_simulators.smartpit.numbers import normalise

# Refusals in the terminal's words, Japanese first; each is shown at the field it concerns.
MESSAGES = {
    "number_malformed": ("number", "スマートピット番号は13桁の数字です。番号をお確かめください。",
                         "A Smart Pit number has 13 digits; please check it."),
    "number_unknown": ("number", "この番号のご請求は見つかりません。", "No bill has this number."),
    "already_paid": ("number", "このご請求はお支払い済みです。", "This bill has already been paid."),
    "bill_cancelled": ("number", "このご請求は取り消されています。", "This bill was withdrawn."),
    "past_due": ("number", "お支払い期限を過ぎています。", "The payment deadline has passed."),
    "store_invalid": ("store", "店舗を選んでください。", "Choose a store."),
    "slip_unknown": ("slip", "この申込券は使えません。もう一度端末で発券してください。",
                     "This slip cannot be used; print a new one at the terminal."),
}


def terminal_blueprint(sim: SmartPitSimulator) -> Blueprint:
    page = Blueprint("smartpit_terminal", __name__)
    centre = sim.centre

    def form(
        code: str | None = None, number: str = "", store: str = "familymart", status: int = 200
    ) -> tuple[str, int]:
        field, ja, en = MESSAGES.get(code or "", ("", "", ""))
        return render_template("smartpit_terminal.html", stores=STORES, number=number, store=store,
                               error_field=field, error_ja=ja, error_en=en), status

    @page.get("/")
    @page.get("/terminal")
    def terminal() -> tuple[str, int]:
        return form()

    @page.post("/terminal")
    def issue() -> tuple[str, int]:
        number, store = normalise(request.form.get("number", "")), request.form.get("store", "")
        try:
            slip = centre.issue_slip(number, store)
        except SmartPitError as error:
            return form(error.code, request.form.get("number", ""), store, 422)
        return render_template("smartpit_slip.html", slip=slip, store_name=STORES[slip.store]), 200

    @page.post("/register/<slip_id>")
    def pay(slip_id: str) -> tuple[str, int]:
        try:
            payment = centre.pay_slip(slip_id)
        except SmartPitError as error:
            return form(error.code, status=422)
        sim.notices.send("quick", centre.bill(payment.number), payment)
        return render_template("smartpit_receipt.html", payment=payment, store_name=STORES[payment.store]), 200

    return page
