"""Staff sessions: an identity staff-session id in an HttpOnly cookie; roles gate each action.

The console serves every university at its own address; a staff session is accepted only at
the address of the university it was made at, and its cookie goes back only there.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, g, redirect, request, url_for

from shomei_admin.service_layer.ports import (
    MailsApi,
    OrdersApi,
    PaymentsApi,
    ReviewApi,
    StaffIdentityApi,
    StaffSession,
    TenantAdminApi,
)
from shomei_shared.web.tenancy import cookie_name, request_tenant
from shomei_shared.web.trust import remember_assertion

F = TypeVar("F", bound=Callable[..., Any])
COOKIE = "shomei_staff"


def identity() -> StaffIdentityApi:
    return cast(StaffIdentityApi, current_app.extensions["shomei.identity"])


def reviews() -> ReviewApi:
    return cast(ReviewApi, current_app.extensions["shomei.reviews"])


def tenant_admin() -> TenantAdminApi:
    return cast(TenantAdminApi, current_app.extensions["shomei.tenant_admin"])


def orders() -> OrdersApi:
    return cast(OrdersApi, current_app.extensions["shomei.orders"])


def payments() -> PaymentsApi:
    return cast(PaymentsApi, current_app.extensions["shomei.payments"])


def mails() -> MailsApi:
    return cast(MailsApi, current_app.extensions["shomei.mails"])


def staff_cookie() -> str:
    return cookie_name(COOKIE, bool(current_app.config["SESSION_COOKIE_SECURE"]))


def tenant() -> str:
    found = request_tenant()
    if found is None:
        abort(404)
    return found


def current_staff() -> StaffSession | None:
    if "staff" not in g:
        session_id, tenant = request.cookies.get(staff_cookie()), request_tenant()
        found = identity().staff_session(session_id, tenant) if session_id and tenant else None
        # Staff of A never act at B's address, whatever cookie the browser sends.
        g.staff = found if found is not None and found.tenant_id == tenant else None
        remember_assertion(g.staff.assertion if g.staff is not None else None)
    return cast(StaffSession | None, g.staff)


def staff() -> StaffSession:
    found = current_staff()
    if found is None:
        abort(401)
    return found


def requires(role: str | None = None) -> Callable[[F], F]:
    """Signed-in staff (with `role`, or tenant_admin) only; others go to the login page or get 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            member = current_staff()
            if member is None:
                return redirect(url_for("console.login", next=request.script_root + request.path))
            if role is not None and not member.may(role):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate
