"""The logged-in menu (§2.3–§2.4): password, second password, e-mail change, additional
student number, manual, logout."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import current_session, identity, login_required
from shomei_gateway.entrypoints.forms import ChangeOneForm, ChangeSecondForm, ConfirmForm, EmailChangeForm
from shomei_gateway.entrypoints.views_common import done, locale, show_errors, tenant
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_shared.web.login_source import login_source

account = Blueprint("account", __name__, url_prefix="/account")


def _session_id() -> str:
    from shomei_gateway.entrypoints.auth import cookie_name

    return request.cookies.get(cookie_name(), "")


@account.get("/")
@login_required
def menu() -> str:
    return render_template("menu.html", account=current_session(), logout_form=ConfirmForm())


def _change(heading: str, title: str, change: Callable[[str, str, str, str, str], None],
            form: ChangeOneForm | ChangeSecondForm) -> str | tuple[str, int]:
    if form.validate_on_submit():
        try:
            change(_session_id(), form.current.data or "", form.new.data or "", form.new_again.data or "",
                   login_source())
        except UpstreamError as error:
            show_errors(form, error)
        else:
            # Identity has ended the account's other sessions: whoever knew the old one is out.
            return done(title, _("変更が完了しました。ほかの端末でのログインは終了しました。"))
    return render_template("change_password.html", form=form, heading=heading)


@account.route("/password", methods=["GET", "POST"])
@login_required
def password() -> str | tuple[str, int]:
    return _change(_("パスワード変更"), _("パスワードを変更しました"), identity().change_password, ChangeOneForm())


@account.route("/second-password", methods=["GET", "POST"])
@login_required
def second_password() -> str | tuple[str, int]:
    return _change(_("第2パスワード変更"), _("第2パスワードを変更しました"), identity().change_second_password,
                   ChangeSecondForm())


@account.route("/email", methods=["GET", "POST"])
@login_required
def email() -> str | tuple[str, int]:
    form = EmailChangeForm()
    if form.validate_on_submit():
        try:
            identity().request_email_change(_session_id(), form.email.data or "", form.email_again.data or "",
                                            locale(), form.current_password.data or "", login_source())
        except UpstreamError as error:
            show_errors(form, error)
        else:
            return done(_("確認メールを送信しました"),
                        _("新しいメールアドレスに届いたURLを開くと変更が完了します。有効期限は60分です。"))
    return render_template("email_change.html", form=form)


@account.route("/email/confirm", methods=["GET", "POST"])
def confirm_email() -> str | tuple[str, int] | Response:
    token = request.values.get("token", "")
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            identity().confirm_email_change(token, tenant())
        except UpstreamError:
            return done(_("このURLは使用できません"),
                        _("URLの有効期限が切れているか、既に使用されています。もう一度お手続きください。"), 410)
        return done(_("メールアドレスを変更しました"), _("次回から新しいメールアドレスでログインしてください。"))
    return render_template("email_confirm.html", form=form, token=token)


@account.route("/student-numbers/request", methods=["GET", "POST"])
@login_required
def student_number_request() -> str | tuple[str, int]:
    form = ConfirmForm()
    if form.validate_on_submit():
        identity().request_student_number_addition(_session_id(), locale())
        return done(_("メールを送信しました"),
                    _("メールに記載されたURLから、追加する学籍番号の在学情報を入力してください。"))
    return render_template("student_number_request.html", form=form)
