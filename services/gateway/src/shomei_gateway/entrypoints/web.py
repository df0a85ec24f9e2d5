"""The gateway's app factory: `gunicorn 'shomei_gateway.entrypoints.web:create_app()'`."""

from __future__ import annotations

import time

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge

from shomei_gateway.entrypoints.api import api
from shomei_gateway.entrypoints.applicant_fields import IMAGE_MAX_BYTES
from shomei_gateway.entrypoints.display import shown
from shomei_gateway.entrypoints.i18n import install_i18n, request_language
from shomei_gateway.entrypoints.order_display import deadline_text, jst, yen
from shomei_gateway.entrypoints.security import (
    LOGIN_LIMIT,
    MAIL_LIMIT,
    TOKEN_LIMIT,
    install_security,
)
from shomei_gateway.entrypoints.views_account import account
from shomei_gateway.entrypoints.views_auth import auth, locked_login_page
from shomei_gateway.entrypoints.views_order_list import orders
from shomei_gateway.entrypoints.views_orders import orders_new
from shomei_gateway.entrypoints.views_payment import pay
from shomei_gateway.entrypoints.views_profile import profile
from shomei_gateway.entrypoints.views_public import public
from shomei_gateway.entrypoints.views_registration import registration
from shomei_gateway.entrypoints.views_resubmission import resubmission
from shomei_gateway.entrypoints.views_student_numbers import student_numbers
from shomei_gateway.entrypoints.views_tenant import tenant_look
from shomei_gateway.entrypoints.views_verification import COUNTRY_HEADER, verify
from shomei_gateway.service_layer.ordering import OrderingApi
from shomei_gateway.service_layer.payment import PaymentApi
from shomei_gateway.service_layer.ports import EnrollmentApi, IdentityApi, SetupTokens
from shomei_gateway.service_layer.printing import PrintingApi
from shomei_gateway.service_layer.verification import VerificationApi
from shomei_gateway.settings import GatewaySettings
from shomei_shared.logs import configure_logging
from shomei_shared.web.api import ApiError, api_error_response
from shomei_shared.web.edge import limit_store_check
from shomei_shared.web.health import install_observability
from shomei_shared.web.openapi import install_openapi
from shomei_shared.web.tenancy import install_tenancy, parse_tenant_hosts
from shomei_shared.web.tenant_profiles import TenantProfiles
from shomei_shared.web.trust import Trust, install_trust

# Endpoints whose POSTs are limited per client address (guessing passwords, tokens, mail bombs).
RATE_LIMITS = {
    "auth.login": LOGIN_LIMIT,
    "auth.first_passwords": LOGIN_LIMIT,
    "auth.reset": TOKEN_LIMIT,
    "auth.forgot": MAIL_LIMIT,
    "registration.start": MAIL_LIMIT,
    "registration.verify": TOKEN_LIMIT,
    "account.confirm_email": TOKEN_LIMIT,
    "account.email": MAIL_LIMIT,
    "account.password": LOGIN_LIMIT,
    "account.second_password": LOGIN_LIMIT,
    "student_numbers.verify": TOKEN_LIMIT,
}
# The public certificate check, per address (ADR 0036): a person checks a handful of papers; a
# scraper guessing codes (80 bits: hopeless anyway) or harvesting known ones is slowed to this.
VERIFY_LIMIT = "30 per minute;300 per day"


def create_app(
    settings: GatewaySettings | None = None,
    identity: IdentityApi | None = None,
    enrollment: EnrollmentApi | None = None,
    tenants: TenantProfiles | None = None,
    setup_tokens: SetupTokens | None = None,
    ordering: OrderingApi | None = None,
    payment: PaymentApi | None = None,
    verification: VerificationApi | None = None,
    printing: PrintingApi | None = None,
) -> Flask:
    settings = settings or GatewaySettings.from_env()
    configure_logging("gateway", settings.log_level)
    if identity is None or enrollment is None or tenants is None:
        from shomei_gateway.bootstrap import http_clients

        identity, enrollment, tenants = http_clients(settings, request_language)
    if ordering is None:
        from shomei_gateway.bootstrap import ordering_client

        ordering = ordering_client(settings, request_language)
    if payment is None:
        from shomei_gateway.bootstrap import payment_client

        payment = payment_client(settings, request_language)
    if verification is None:
        from shomei_gateway.bootstrap import verification_client

        verification = verification_client(settings, request_language)
    if printing is None:
        from shomei_gateway.bootstrap import printing_client

        printing = printing_client(settings, request_language)
    if setup_tokens is None:
        from shomei_gateway.bootstrap import setup_tokens as kept_on_server

        setup_tokens = kept_on_server(settings)
    app = Flask("shomei_gateway")  # the package root holds templates/ and static/
    app.extensions["shomei.identity"] = identity
    app.extensions["shomei.enrollment"] = enrollment
    app.extensions["shomei.tenants"] = tenants
    app.extensions["shomei.setup_tokens"] = setup_tokens
    app.extensions["shomei.ordering"] = ordering
    app.extensions["shomei.payment"] = payment
    app.extensions["shomei.verification"] = verification
    app.config[COUNTRY_HEADER] = settings.country_header
    app.extensions["shomei.printing"] = printing
    app.extensions["shomei.paypal_checkout_origin"] = settings.paypal_checkout_origin
    known = tenants  # bound for the closure: mypy cannot see that the Optional was settled
    install_tenancy(app, parse_tenant_hosts(settings.tenant_hosts), lambda t: known.get(t) is not None,
                    session_cookie="shomei_session_flow", untenanted={"public.index"})
    limiter = install_security(app, settings)
    install_i18n(app)
    app.add_template_global(shown)
    for helper in (yen, deadline_text, jst):
        app.add_template_global(helper)
    for blueprint in (public, registration, resubmission, auth, account, student_numbers, profile, orders_new, orders,
                      pay, api, tenant_look, verify):
        app.register_blueprint(blueprint)
    install_openapi(app, title="Shomei gateway /api", version="1", path="/api/openapi.json")
    app.register_error_handler(ApiError, api_error_response)  # JSON for /api; pages keep their HTML errors
    for endpoint, limit in RATE_LIMITS.items():
        limited = limiter.limit(limit, methods=["POST"])(app.view_functions[endpoint])
        app.view_functions[endpoint] = limited  # type: ignore[assignment]
    for endpoint in ("verify.form", "verify.code"):  # GETs, which the default limits leave alone
        limited = limiter.limit(VERIFY_LIMIT, methods=["GET"])(app.view_functions[endpoint])
        app.view_functions[endpoint] = limited  # type: ignore[assignment]
    install_observability(app, {"rate_limit_store": limit_store_check(limiter)})
    # The public edge answers /healthz to anyone; readiness and metrics only to the monitor.
    install_trust(app, Trust.of(settings), prefixes=("/metrics", "/readyz"))

    @app.errorhandler(CSRFError)
    def _stale_form(_error: CSRFError) -> tuple[str, int]:
        return render_template("message.html", title=_("ページの有効期限が切れました"),
                               message=_("もう一度、最初の画面から操作してください。")), 400

    @app.errorhandler(403)
    def _forbidden(_error: Exception) -> tuple[str, int]:
        message = _("手続きの途中で時間が経ったか、順番が違います。最初からやり直してください。")
        return render_template("message.html", title=_("この画面は表示できません"), message=message), 403

    @app.errorhandler(404)
    def _not_found(_error: Exception) -> tuple[str, int]:
        return render_template("message.html", title=_("ページが見つかりません"),
                               message=_("URLをご確認ください。")), 404

    @app.errorhandler(413)
    def _too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
        # The body was not read, so the form cannot be shown again from it; the browser checks
        # sizes before sending (static/forms.js), this is for browsers without script.
        message = _("本人確認書類の画像は1枚%(mb)sMBまでです。ブラウザの「戻る」で入力画面に戻り、"
                    "小さい画像を選び直してください。", mb=IMAGE_MAX_BYTES // (1024 * 1024))
        return render_template("message.html", title=_("ファイルが大きすぎます"), message=message), 413

    @app.errorhandler(429)
    def _too_many(_error: Exception) -> tuple[str, int]:
        window = limiter.current_limit
        seconds = max(1, int(window.reset_at - time.time())) if window is not None else 60
        if request.endpoint == "auth.login":  # the login form stays, with the one lockout message
            return locked_login_page(seconds)
        minutes = -(-seconds // 60)
        return render_template("message.html", title=_("しばらくお待ちください"),
                               message=_("短時間に多くの操作がありました。%(minutes)s分ほどおいて再度お試しください。",
                                         minutes=minutes)), 429

    return app
