"""The graduate's session: an identity session id in an HttpOnly cookie, looked up per request.

The cookie goes back only to the university's own address (its path), and a session is
accepted only at the address of the university it was made at: a graduate of A is a stranger
at B's address, whatever cookie the browser sends.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from shomei_gateway.service_layer.ports import IdentityApi, SessionInfo
from shomei_shared.web.tenancy import cookie_name as scoped_cookie_name
from shomei_shared.web.tenancy import cookie_path, request_tenant
from shomei_shared.web.trust import remember_assertion

F = TypeVar("F", bound=Callable[..., Any])
COOKIE = "shomei_session"


def identity() -> IdentityApi:
    return cast(IdentityApi, current_app.extensions["shomei.identity"])


def cookie_name() -> str:
    return scoped_cookie_name(COOKIE, bool(current_app.config["SESSION_COOKIE_SECURE"]))


def current_session() -> SessionInfo | None:
    if "account" not in g:
        session_id, tenant = request.cookies.get(cookie_name()), request_tenant()
        found = identity().session(session_id, tenant) if session_id and tenant else None
        # Identity answers only for the asked tenant; checked again here as the edge's own rule.
        g.account = found if found is not None and found.tenant_id == tenant else None
        remember_assertion(g.account.assertion if g.account is not None else None)
    return cast(SessionInfo | None, g.account)


def signed_in() -> SessionInfo:
    """The session of a view behind login_required."""
    account = current_session()
    if account is None:
        abort(401)
    return account


def begin_session(response: Response, session_id: str) -> Response:
    response.set_cookie(cookie_name(), session_id, httponly=True, samesite="Lax", path=cookie_path(),
                        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


def end_session(response: Response) -> Response:
    """Ends identity's session and empties the flow cookie: nothing of the graduate's visit
    (registration or application ids, a lockout notice) stays in the browser."""
    session_id = request.cookies.get(cookie_name())
    if session_id:
        identity().logout(session_id)
    session.clear()
    # A browser ignores a `__Host-` cookie, even an expired one, that is not sent as Secure.
    response.delete_cookie(cookie_name(), path=cookie_path(), httponly=True, samesite="Lax",
                           secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


def here() -> str:
    """The current page's path including the tenant prefix (a `next` target)."""
    return request.script_root + request.path


def safe_next(target: str | None) -> str:
    """Only paths of this university's site: an open redirect after login would help phishing."""
    own = request.script_root + "/"
    if target and target.startswith(own) and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("account.menu")


def login_required(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_session() is None:
            return redirect(url_for("auth.login", next=here()))
        return view(*args, **kwargs)

    return cast(F, wrapper)
