"""個人情報設定・変更 (rule 16): the personal data and linked student numbers; edit → confirm →
変更 → 変更完了. Only what enrollment lets a graduate change is offered (names, sex, address,
phones, workplace); the rest is the university's to correct."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _

from shomei_gateway.entrypoints.applicant_fields import DOCUMENT, SECTIONS, Section
from shomei_gateway.entrypoints.applicant_form import field_labels
from shomei_gateway.entrypoints.auth import current_session, login_required
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import enrollment, tenant
from shomei_gateway.service_layer.ports import SessionInfo, UpstreamError

profile = Blueprint("profile", __name__, url_prefix="/account/profile")
CHANGEABLE = ("name_kanji", "name_kana", "name_romaji", "sex", "postal_code", "prefecture", "city", "street",
              "building", "home_phone", "mobile_phone", "workplace_name", "workplace_postal_code",
              "workplace_address", "workplace_phone")
EDITABLE = tuple(Section(s.title, tuple(f for f in s.fields if f.name in CHANGEABLE)) for s in SECTIONS)
EDITABLE_SECTIONS = tuple(s for s in EDITABLE if s.fields)
# What the profile holds: the registered student numbers are listed above it (the number typed
# at registration, often blank, would only contradict them), and the identity document belonged
# to the application, not to the profile.
SHOWN_SECTIONS = tuple(Section(s.title, tuple(f for f in s.fields if f.name != "student_number"))
                       for s in SECTIONS if s is not DOCUMENT)


def _account() -> SessionInfo:
    account = current_session()
    if account is None:
        abort(401)
    return account


@profile.get("/")
@login_required
def show() -> str:
    found = enrollment().profile(_account().account_id, tenant())
    return render_template("profile.html", profile=found, sections=SHOWN_SECTIONS,
                           catalogue=enrollment().catalogue(tenant()))


@profile.route("/edit", methods=["GET", "POST"])
@login_required
def edit() -> str:
    account = _account()
    current = enrollment().profile(account.account_id, tenant()).data
    values = current if request.method == "GET" else {**current, **{n: request.form.get(n, "").strip()
                                                                    for n in CHANGEABLE}}
    if request.method == "POST" and not ConfirmForm().validate_on_submit():
        abort(400)
    if request.method == "POST" and not request.form.get("edit"):
        # Checked before the confirmation, so it shows what will be stored (郵便番号 normalised)
        # and a mistake is pointed out at its field now rather than after 変更.
        try:
            checked = enrollment().check_profile_change(account.account_id, tenant(), values)
        except UpstreamError as error:
            return _edit_page(values, error.errors)
        return _confirm_page(checked)
    return _edit_page(values, {})


@profile.post("/change")
@login_required
def change() -> str:
    account = _account()
    if not ConfirmForm().validate_on_submit():
        abort(400)
    current = enrollment().profile(account.account_id, tenant()).data
    values = {**current, **{n: request.form.get(n, "").strip() for n in CHANGEABLE}}
    try:
        enrollment().change_profile(account.account_id, tenant(), values)
    except UpstreamError as error:
        return _edit_page(values, error.errors)
    return render_template("message.html", title=_("変更完了"), message=_("個人情報の変更が完了しました。"))


def _edit_page(values: dict[str, str], errors: dict[str, str]) -> str:
    return render_template("register_applicant.html", form=ConfirmForm(), sections=EDITABLE_SECTIONS, values=values,
                           errors=errors, labels=field_labels(), on_page=set(CHANGEABLE), kept={},
                           with_images=False, title=_("個人情報の変更"),
                           form_url=url_for("profile.edit"), submit_label=_("確認画面へ"),
                           catalogue=enrollment().catalogue(tenant()))


def _confirm_page(values: dict[str, str]) -> str:
    return render_template("register_confirm.html", form=ConfirmForm(), values=values, sections=EDITABLE_SECTIONS,
                           kept={}, carried=CHANGEABLE, form_url=url_for("profile.edit"),
                           confirm_url=url_for("profile.change"),
                           submit_label=_("変更"), catalogue=enrollment().catalogue(tenant()))
