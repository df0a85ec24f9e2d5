"""First-time registration (manual §2.1): notes → e-mail twice → one-time URL → terms →
applicant form with ID images → confirmation → 申請 → 申請受付."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from shomei_gateway.entrypoints.applicant_form import (
    Steps,
    applicant_step,
    confirm_step,
    end_flow,
    repeated_submission,
)
from shomei_gateway.entrypoints.auth import identity
from shomei_gateway.entrypoints.forms import ConfirmForm, EmailTwiceForm, TermsForm
from shomei_gateway.entrypoints.views_common import done, enrollment, locale, show_errors, tenant
from shomei_gateway.service_layer.ports import UpstreamError

registration = Blueprint("registration", __name__, url_prefix="/register")
FLOW = "registration_id"  # kept in the signed flow cookie once the e-mail is verified


@registration.route("/", methods=["GET", "POST"])
def start() -> str | WerkzeugResponse:
    form = EmailTwiceForm()
    if form.validate_on_submit():
        try:
            identity().start_registration(tenant(), form.email.data or "", locale())
        except UpstreamError as error:
            show_errors(form, error)
        else:
            return redirect(url_for("registration.sent"))
    return render_template("register_start.html", form=form)


@registration.get("/sent")
def sent() -> tuple[str, int]:
    return done(_("確認メールを送信しました"),
                _("メールに記載されたURLを開いて登録を続けてください。URLの有効期限は60分です。"))


@registration.route("/verify", methods=["GET", "POST"])
def verify() -> str | WerkzeugResponse | tuple[str, int]:
    # A GET only shows a button: mail scanners that prefetch links must not use up the token.
    token = request.values.get("token", "")
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            verified = identity().verify_registration(token, tenant())
        except UpstreamError:
            return done(_("このURLは使用できません"),
                        _("URLの有効期限が切れているか、既に使用されています。最初から登録をやり直してください。"), 410)
        session.clear()
        session[FLOW] = verified.registration_id
        return redirect(url_for("registration.terms"))
    return render_template("register_verify.html", form=form, token=token)


def _registration_id() -> str:
    registration_id = session.get(FLOW)
    if not registration_id:
        abort(403)
    return str(registration_id)


@registration.route("/terms", methods=["GET", "POST"])
def terms() -> str | WerkzeugResponse:
    _registration_id()
    form = TermsForm()
    if form.validate_on_submit():
        session["terms_accepted"] = True
        return redirect(url_for("registration.applicant"))
    return render_template("register_terms.html", form=form)


@registration.route("/applicant", methods=["GET", "POST"])
def applicant() -> str | WerkzeugResponse:
    _registration_id()
    if not session.get("terms_accepted"):
        return redirect(url_for("registration.terms"))
    return applicant_step(_steps())


@registration.post("/confirm")
def confirm() -> str | WerkzeugResponse:
    if repeated_submission():
        return redirect(url_for("registration.received"))
    registration_id = _registration_id()

    def submit(values: dict[str, str], images: dict[str, bytes]) -> None:
        enrollment().submit_application(registration_id, tenant(), values, images)

    def accepted_before(error: UpstreamError) -> bool:
        # Enrollment keeps one application per verified registration and answers a second with
        # a conflict on the registration: the first was accepted, which is what the user asked.
        return error.status == 409 and "registration_id" in error.errors

    submitted = confirm_step(_steps(), submit, accepted_before)
    if isinstance(submitted, str):
        return submitted
    end_flow()
    return redirect(url_for("registration.received"))


@registration.get("/received")
def received() -> tuple[str, int]:
    return done(_("申請を受け付けました"),
                _("大学で申請内容を確認します。結果はメールでお知らせします（通常、翌営業日まで）。"))


def _steps() -> Steps:
    return Steps(url_for("registration.applicant"), url_for("registration.confirm"))
