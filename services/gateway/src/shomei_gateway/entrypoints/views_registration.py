"""First-time registration (manual §2.1): notes → e-mail twice → one-time URL → terms →
applicant form with ID images → confirmation → 申請 → 申請受付."""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from shomei_gateway.entrypoints.applicant_fields import FIELD_NAMES, IMAGE_FIELDS, SECTIONS
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
            verified = identity().verify_registration(token)
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


def _submitted_form() -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in FIELD_NAMES}


def _submitted_images() -> dict[str, bytes]:
    """Newly chosen files, else the ones carried over (base64) from the previous screen."""
    images: dict[str, bytes] = {}
    for name in IMAGE_FIELDS:
        upload = request.files.get(name)
        if upload is not None and upload.filename:
            images[name] = upload.read()
        elif kept := request.form.get(f"kept_{name}"):
            try:
                images[name] = base64.b64decode(kept, validate=True)
            except binascii.Error:
                abort(400)
    return images


def _encoded(images: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(content).decode() for name, content in images.items()}


def _applicant_page(values: dict[str, str], images: dict[str, bytes], errors: dict[str, str]) -> str:
    labels = {f.name: f.label for s in SECTIONS for f in s.fields} | {
        "id_front": _("表面の画像"), "id_back": _("裏面の画像（ある場合）")}
    return render_template("register_applicant.html", form=ConfirmForm(), sections=SECTIONS, values=values,
                           errors=errors, catalogue=enrollment().catalogue(tenant()), labels=labels,
                           kept=_encoded(images))


@registration.route("/applicant", methods=["GET", "POST"])
def applicant() -> str | WerkzeugResponse:
    """The form; a POST checks it at enrollment and shows the confirmation screen, which carries
    the checked data and images back (the gateway keeps no state of its own)."""
    _registration_id()
    if not session.get("terms_accepted"):
        return redirect(url_for("registration.terms"))
    if request.method == "GET":
        return _applicant_page({}, {}, {})
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    values, images = _submitted_form(), _submitted_images()
    if request.form.get("edit"):
        return _applicant_page(values, images, {})
    try:
        checked = enrollment().check_application(tenant(), values, images)
    except UpstreamError as error:
        return _applicant_page(values, images, error.errors)
    return render_template("register_confirm.html", form=form, values=checked, sections=SECTIONS,
                           catalogue=enrollment().catalogue(tenant()), kept=_encoded(images))


@registration.post("/confirm")
def confirm() -> str | WerkzeugResponse:
    registration_id = _registration_id()
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    values, images = _submitted_form(), _submitted_images()
    try:
        enrollment().submit_application(registration_id, tenant(), values, images)
    except UpstreamError as error:
        return _applicant_page(values, images, error.errors)
    session.clear()
    return redirect(url_for("registration.received"))


@registration.get("/received")
def received() -> tuple[str, int]:
    return done(_("申請を受け付けました"),
                _("大学で申請内容を確認します。結果はメールでお知らせします（通常、翌営業日まで）。"))
