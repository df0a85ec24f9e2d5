"""証明書を発行 (manual §1.4, issue 9): student number → where to print → certificates and copies
→ payment method → confirmation with the total and the deadlines → 申請, which ends on the placed
order's page. Payment itself starts there, from the payment service.

Each screen checks its own choice and says what is wrong at its input; ordering checks the whole
again at 申請 (its rules are the record: DOMAIN 21, 22). A step reached out of order sends the
graduate to the first step not yet done."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import login_required, signed_in
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.order_display import CHANNELS, METHODS, label
from shomei_gateway.entrypoints.order_flow import Flow, end, parse_lines, placed_before
from shomei_gateway.entrypoints.views_common import enrollment, locale, ordering, tenant
from shomei_gateway.service_layer.ordering import (
    PROGRAMME_WORDS,
    STATUS_WORDS,
    OrderCatalogue,
    OrderQuote,
    OrderRequest,
)
from shomei_gateway.service_layer.ports import StudentNumber, UpstreamError

orders_new = Blueprint("orders_new", __name__, url_prefix="/orders/new")
STEP_VIEWS = {"number": "orders_new.number", "channel": "orders_new.channel", "lines": "orders_new.lines",
              "method": "orders_new.method"}


def _numbers() -> tuple[StudentNumber, ...]:
    return enrollment().profile(signed_in().account_id, tenant()).enrollments


def _catalogue() -> OrderCatalogue:
    return ordering().catalogue(tenant(), signed_in().account_id)


def _chosen(flow: Flow) -> StudentNumber | None:
    numbers = _numbers()
    return numbers[flow.number] if flow.number is not None and 0 <= flow.number < len(numbers) else None


def _allowed(catalogue: OrderCatalogue, number: StudentNumber) -> set[str]:
    return {t.code for t in catalogue.orderable(STATUS_WORDS.get(number.status, number.status),
                                                PROGRAMME_WORDS.get(number.programme, number.programme))}


def _resume(flow: Flow) -> Response:
    step = flow.missing()
    return redirect(url_for(STEP_VIEWS[step] if step else "orders_new.confirm"))


def _posted(form: ConfirmForm) -> bool:
    """A POST with a valid CSRF token; one without (an old page's) is refused by the app's handler."""
    if request.method != "POST":
        return False
    if not form.validate_on_submit():
        abort(400)
    return True


def _choice_page(step: str, options: list[tuple[str, str]], chosen: str | None, error: str | None) -> str:
    titles = {"number": _("学籍番号の選択"), "channel": _("印刷するコンビニエンスストア"),
              "method": _("お支払い方法")}
    back = {"channel": "orders_new.number", "method": "orders_new.lines"}.get(step)
    return render_template("order_choice.html", form=ConfirmForm(), title=titles[step], step=step, options=options,
                           chosen=chosen, error=error, back_url=url_for(back) if back else url_for("account.menu"))


def _offered(words: dict[str, object], codes: Collection[str]) -> list[tuple[str, str]]:
    """The choices the university offers, in the screens' order, by their words."""
    return [(code, str(text)) for code, text in words.items() if code in codes]


def _choice_step(flow: Flow, step: str, options: list[tuple[str, str]], chosen: str | None, missing: str,
                 then: str) -> str | Response:
    """A screen of one choice among `options`; anything else sent (nothing, an old page's
    choice, an edited form) is `missing`, said at the choice."""
    if not _posted(ConfirmForm()):
        return _choice_page(step, options, chosen, None)
    picked = request.form.get("choice", "")
    if picked not in {value for value, _label in options}:
        return _choice_page(step, options, None, missing)
    flow.choose(**{step: int(picked) if step == "number" else picked})
    return redirect(url_for(then))


@orders_new.route("/", methods=["GET", "POST"])
@login_required
def number() -> str | Response | tuple[str, int]:
    numbers, flow = _numbers(), Flow.load()
    if not numbers:
        return render_template("message.html", title=_("学籍番号が登録されていません"),
                               message=_("大学の承認後に証明書をお申し込みいただけます。")), 409
    if len(numbers) == 1 and request.method == "GET" and flow.number is None:
        flow.choose(number=0)  # nothing to choose (§2.3 asks only when there are several)
        return redirect(url_for("orders_new.channel"))
    options = [(str(i), n.student_number) for i, n in enumerate(numbers)]
    return _choice_step(flow, "number", options, None if flow.number is None else str(flow.number),
                        _("学籍番号を選んでください。"), "orders_new.channel")


@orders_new.route("/store", methods=["GET", "POST"])
@login_required
def channel() -> str | Response:
    flow = Flow.load()
    if not flow.done_before("channel"):
        return _resume(flow)
    return _choice_step(flow, "channel", _offered(CHANNELS, _catalogue().print_charges), flow.channel,
                        _("印刷するコンビニエンスストアを選んでください。"), "orders_new.lines")


@orders_new.route("/certificates", methods=["GET", "POST"])
@login_required
def lines() -> str | Response:
    flow, form = Flow.load(), ConfirmForm()
    chosen = _chosen(flow)
    if chosen is None or flow.channel is None:
        return _resume(flow if chosen is not None else Flow())
    catalogue = _catalogue()
    allowed = _allowed(catalogue, chosen)
    values = {f"copies_{code}": str(copies) for code, copies in flow.lines or ()}
    errors: dict[str, str] = {}
    if _posted(form):
        values = {name: text for name, text in request.form.items() if name.startswith("copies_")}
        picked, errors = parse_lines(values, catalogue, allowed)
        if not errors:
            flow.choose(lines=picked)
            return redirect(url_for("orders_new.method"))
    types = [t for t in catalogue.types if t.code in allowed]
    return render_template("order_lines.html", form=form, types=types, values=values, errors=errors,
                           charge=catalogue.print_charges.get(flow.channel, 0), language=locale(),
                           student_number=chosen.student_number, channel=label(CHANNELS, flow.channel))


@orders_new.route("/payment", methods=["GET", "POST"])
@login_required
def method() -> str | Response:
    flow = Flow.load()
    if not flow.done_before("method"):
        return _resume(flow)
    return _choice_step(flow, "method", _offered(METHODS, _catalogue().payment_methods), flow.method,
                        _("お支払い方法を選んでください。"), "orders_new.confirm")


def _confirmed_deadline() -> datetime | None:
    """The deadline the confirmation page showed (its hidden field), None if it is missing or garbled."""
    try:
        moment = datetime.fromisoformat(request.form.get("deadline", ""))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@orders_new.route("/confirm", methods=["GET", "POST"])
@login_required
def confirm() -> str | Response | tuple[str, int]:
    """The page shows ordering's quote, deadline included, and 申請 sends that deadline back: an
    order is placed only with the deadline the graduate saw. Past midnight JST ordering refuses it
    and the page is shown again with the new deadline and a sentence saying why."""
    form, sent_key = ConfirmForm(), ""
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        sent_key = request.form.get("idempotency_key", "")
        before = placed_before(sent_key)
        if before is not None:  # the same 申請 again, after the first one ended the flow
            return redirect(url_for("orders.show", order_id=before))
    flow = Flow.load()
    chosen = _chosen(flow)
    if chosen is None or flow.missing() is not None or flow.channel is None or flow.method is None:
        return _resume(flow if chosen is not None else Flow())
    order = OrderRequest(flow.confirmation_key(), chosen.student_number,
                         STATUS_WORDS.get(chosen.status, chosen.status),
                         PROGRAMME_WORDS.get(chosen.programme, chosen.programme), flow.channel, flow.method,
                         tuple(flow.lines or ()))
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        confirmed = _confirmed_deadline()
        if sent_key != flow.key or confirmed is None:  # another tab changed the choices since this page was shown
            errors.append(_("お申し込み内容が変更されています。内容をご確認のうえ、もう一度「申請」を押してください。"))
            status = 400
        else:
            try:
                order_id = ordering().place(tenant(), signed_in().account_id,
                                            replace(order, confirmed_deadline=confirmed))
            except UpstreamError as error:  # 409: the deadline moved at midnight; 400: a rule at a field
                errors.extend(error.errors.values())
                status = 409 if error.status == 409 else 400
            else:
                end(sent_key, order_id)
                return redirect(url_for("orders.show", order_id=order_id))
    try:
        quote: OrderQuote | None = ordering().quote(tenant(), signed_in().account_id, order)
    except UpstreamError as error:  # the catalogue changed since the choices were made
        quote, status = None, 400
        errors.extend(reason for reason in error.errors.values() if reason not in errors)
    catalogue = _catalogue()
    return render_template("order_confirm.html", form=form, quote=quote, language=locale(),
                           student_number=chosen.student_number, channel=label(CHANNELS, flow.channel),
                           method=label(METHODS, flow.method), charge=catalogue.print_charges.get(flow.channel, 0),
                           key=order.idempotency_key, errors=errors), status
