"""Login with e-mail, password and second password (§2.2); the first login's forced setting of
both passwords (rule 12); logout; forgotten password (rule 19)."""

from __future__ import annotations

import time
from typing import cast

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.auth import begin_session, end_session, identity, safe_next
from shomei_gateway.entrypoints.forms import ConfirmForm, ForgotForm, LoginForm, NewPasswordsForm
from shomei_gateway.entrypoints.views_common import done, locale, show_errors, tenant
from shomei_gateway.service_layer.ports import SetupTokens, UpstreamError
from shomei_shared.web.login_source import keep_device, login_device, login_source

auth = Blueprint("auth", __name__)
SETUP = "password_setup"  # the opaque handle of the setup token kept on the server, never the token
LOCKED_UNTIL = "login_locked_until"  # epoch seconds, in the signed flow cookie
DEVICE_COOKIE = "shomei_device"  # this browser logged in before (docs/adr/0026)


def setup_tokens() -> SetupTokens:
    return cast(SetupTokens, current_app.extensions["shomei.setup_tokens"])


def locked_login_page(seconds: int) -> tuple[str, int]:
    """The login form with one lockout message: the time left and the way out (a password reset
    unlocks). Identity's account lock and the gateway's per-address limit both end here; the
    longer of the two is told, so the page never shortens what it said before."""
    until = max(time.time() + seconds, float(session.get(LOCKED_UNTIL) or 0))
    session[LOCKED_UNTIL] = until
    minutes = max(1, -(-int(until - time.time()) // 60))
    return render_template("login.html", form=LoginForm(), locked_minutes=minutes), 429


@auth.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            outcome = identity().login(tenant(), form.email.data or "", form.password.data or "",
                                       form.second_password.data or "", login_source(), login_device(DEVICE_COOKIE))
        except UpstreamError as error:
            if error.status == 429:
                return locked_login_page(error.retry_after or 60)
            show_errors(form, error)
            status = error.status if error.status == 401 else 400
        else:
            session.pop(LOCKED_UNTIL, None)
            if outcome.setup_token:
                session[SETUP] = setup_tokens().keep(outcome.setup_token)
                return keep_device(redirect(url_for("auth.first_passwords")), DEVICE_COOKIE, outcome.device)
            assert outcome.session_id is not None
            return keep_device(begin_session(redirect(safe_next(request.args.get("next"))), outcome.session_id),
                               DEVICE_COOKIE, outcome.device)
    return render_template("login.html", form=form), status


@auth.route("/login/passwords", methods=["GET", "POST"])
def first_passwords() -> str | Response:
    handle = str(session.get(SETUP) or "")
    setup_token = setup_tokens().find(handle) if handle else None
    if not setup_token:
        session.pop(SETUP, None)
        return redirect(url_for("auth.login"))
    form = NewPasswordsForm()
    if form.validate_on_submit():
        try:
            session_id = identity().set_first_passwords(setup_token, form.password.data or "",
                                                        form.second_password.data or "")
        except UpstreamError as error:
            show_errors(form, error)
        else:
            setup_tokens().forget(handle)
            session.pop(SETUP, None)
            return begin_session(redirect(url_for("account.menu")), session_id)
    return render_template("first_passwords.html", form=form)


@auth.post("/logout")
def logout() -> Response:
    ConfirmForm().validate_on_submit()  # CSRF is checked by CSRFProtect before this runs
    return end_session(redirect(url_for("auth.login", logged_out=1)))


@auth.route("/password/forgot", methods=["GET", "POST"])
def forgot() -> str | tuple[str, int]:
    form = ForgotForm()
    if form.validate_on_submit():
        try:
            identity().request_password_reset(tenant(), form.email.data or "", locale())
        except UpstreamError as error:
            if error.status != 404:  # never reveal whether the address is registered
                show_errors(form, error)
                return render_template("forgot.html", form=form)
        return done(_("メールを送信しました"),
                    _("登録されているメールアドレスの場合、パスワード再設定用のURLをお送りしました。有効期限は30分です。"))
    return render_template("forgot.html", form=form)


@auth.route("/password/reset", methods=["GET", "POST"])
def reset() -> str | tuple[str, int]:
    token = request.values.get("token", "")
    form = NewPasswordsForm()
    if form.validate_on_submit():
        try:
            identity().reset_password(token, tenant(), form.password.data or "", form.second_password.data or "")
        except UpstreamError as error:
            if error.status in (404, 410) or "token" in error.errors:
                return done(_("このURLは使用できません"),
                            _("URLの有効期限が切れているか、既に使用されています。もう一度お手続きください。"), 410)
            show_errors(form, error)
        else:
            session.pop(LOCKED_UNTIL, None)  # a reset unlocks the account; the form must not say otherwise
            return done(_("パスワードを再設定しました"), _("新しいパスワードと第2パスワードでログインしてください。"))
    return render_template("reset.html", form=form, token=token)
