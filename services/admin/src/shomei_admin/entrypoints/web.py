"""The console's app factory: `gunicorn 'shomei_admin.entrypoints.web:create_app()'`."""

from __future__ import annotations

import base64

from flask import Flask, Response, render_template
from flask_wtf.csrf import CSRFProtect

from shomei_admin.entrypoints import presentation
from shomei_admin.entrypoints.forms import LanguageForm
from shomei_admin.entrypoints.presentation import jst, staff_language
from shomei_admin.entrypoints.staff import current_staff
from shomei_admin.entrypoints.views import DECIDED, console
from shomei_admin.entrypoints.views_catalogue import catalogue_editor
from shomei_admin.entrypoints.views_certificates import certificates_pages
from shomei_admin.entrypoints.views_orders import orders_pages
from shomei_admin.entrypoints.views_print_orders import alert_count, print_pages
from shomei_admin.entrypoints.views_records import records
from shomei_admin.entrypoints.views_tenant_profile import tenant_profile
from shomei_admin.entrypoints.views_unapplied import unapplied_pages
from shomei_admin.service_layer.certificates import CertificatesApi
from shomei_admin.service_layer.ports import (
    CatalogueEditorApi,
    MailsApi,
    OrdersApi,
    PaymentsApi,
    ReviewApi,
    StaffIdentityApi,
    TenantAdminApi,
    UpstreamError,
)
from shomei_admin.service_layer.print_orders import PrintOrdersApi
from shomei_admin.settings import AdminSettings
from shomei_shared.logs import configure_logging
from shomei_shared.web.edge import install_edge, limit_store_check
from shomei_shared.web.health import install_observability
from shomei_shared.web.tenancy import install_tenancy, parse_tenant_hosts, request_tenant
from shomei_shared.web.tenant_profiles import TenantProfiles
from shomei_shared.web.trust import Trust, install_trust

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def create_app(settings: AdminSettings | None = None, identity: StaffIdentityApi | None = None,
               reviews: ReviewApi | None = None, tenant_admin: TenantAdminApi | None = None,
               tenants: TenantProfiles | None = None, orders: OrdersApi | None = None,
               payments: PaymentsApi | None = None, catalogue: CatalogueEditorApi | None = None,
               certificates: CertificatesApi | None = None, mails: MailsApi | None = None,
               print_orders: PrintOrdersApi | None = None) -> Flask:
    settings = settings or AdminSettings.from_env()
    configure_logging("admin", settings.log_level)
    if None in (identity, reviews, tenant_admin, tenants, orders, payments, catalogue, mails):
        from shomei_admin.bootstrap import http_clients

        # Tests pass fakes for some ports; the others are the real services'.
        clients = http_clients(settings, staff_language)
        identity, reviews = identity or clients.identity, reviews or clients.reviews
        tenant_admin, tenants = tenant_admin or clients.tenant_admin, tenants or clients.tenants
        orders, payments = orders or clients.orders, payments or clients.payments
        catalogue, mails = catalogue or clients.catalogue, mails or clients.mails
    assert identity and reviews and tenant_admin and tenants and orders and payments and catalogue and mails
    if certificates is None:
        from shomei_admin.bootstrap import certificates_client

        certificates = certificates_client(settings, staff_language)
    if print_orders is None:
        from shomei_admin.bootstrap import print_orders_client

        print_orders = print_orders_client(settings, staff_language)
    app = Flask("shomei_admin")
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=20 * 1024 * 1024,
                      SESSION_COOKIE_SAMESITE="Strict")
    app.extensions["shomei.identity"] = identity
    app.extensions["shomei.reviews"] = reviews
    app.extensions["shomei.tenant_admin"] = tenant_admin
    app.extensions["shomei.orders"] = orders
    app.extensions["shomei.payments"] = payments
    app.extensions["shomei.catalogue_editor"] = catalogue
    app.extensions["shomei.certificates"] = certificates
    app.extensions["shomei.mails"] = mails
    app.extensions["shomei.print_orders"] = print_orders
    known = tenants
    # No directory at the console's root: staff know their university's address.
    install_tenancy(app, parse_tenant_hosts(settings.tenant_hosts), lambda t: known.get(t) is not None,
                    session_cookie="shomei_staff_flow")
    CSRFProtect(app)
    limiter = install_edge(app, settings, name="admin", default_limits=["600 per minute"])
    app.register_blueprint(console)
    app.register_blueprint(tenant_profile)
    app.register_blueprint(orders_pages)
    app.register_blueprint(unapplied_pages)
    app.register_blueprint(catalogue_editor)
    app.register_blueprint(certificates_pages)
    app.register_blueprint(print_pages)
    app.register_blueprint(records)
    app.view_functions["console.login"] = limiter.limit("10 per minute", methods=["POST"])(  # type: ignore[assignment]
        app.view_functions["console.login"])
    install_observability(app, {"rate_limit_store": limit_store_check(limiter)})
    # The public edge answers /healthz to anyone; readiness and metrics only to the monitor.
    install_trust(app, Trust.of(settings), prefixes=("/metrics", "/readyz"))

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Cache-Control"] = "no-store"
        return response

    app.add_template_filter(jst, "jst")
    app.add_template_filter(lambda data: base64.b64encode(data).decode(), "b64")

    @app.context_processor
    def _globals() -> dict[str, object]:
        tenant = request_tenant()
        profile = known.get(tenant) if tenant else None
        language = staff_language()

        def word(table: presentation.Labels, code: str) -> str:
            return presentation.label(table, code, language)

        def ja(table: presentation.Labels, code: str) -> str:
            # The console's own screens are Japanese; only the application's data follows the choice.
            return presentation.label(table, code, "ja")

        me = current_staff()
        return {"me": me, "decided_messages": DECIDED, "print_alerts": alert_count(me),
                "university_name": profile.name_ja if profile else "", "language": language, "word": word, "ja": ja,
                "labels": presentation,
                "language_form": LanguageForm(formdata=None, language=language)}

    @app.errorhandler(UpstreamError)
    def _upstream(error: UpstreamError) -> tuple[str, int]:
        # Another tenant's application is "not found", never "forbidden": nothing is revealed.
        if error.status in (403, 404):
            return _missing(error)
        raise error

    @app.errorhandler(403)
    def _forbidden(_error: Exception) -> tuple[str, int]:
        return render_template("message.html", title="権限がありません", message="この操作の権限がありません。"), 403

    @app.errorhandler(404)
    def _missing(_error: Exception) -> tuple[str, int]:
        return render_template("message.html", title="見つかりません",
                               message="ページまたは申請が存在しないか、他の大学のものです。URLをご確認ください。"), 404

    return app
