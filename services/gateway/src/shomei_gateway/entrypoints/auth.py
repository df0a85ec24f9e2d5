"""The graduate's session: an identity session id in an HttpOnly cookie, looked up per request."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, url_for
from werkzeug.wrappers import Response

from shomei_gateway.service_layer.ports import IdentityApi, SessionInfo

F = TypeVar("F", bound=Callable[..., Any])


def identity() -> IdentityApi:
    return cast(IdentityApi, current_app.extensions["shomei.identity"])


def cookie_name() -> str:
    return cast(str, current_app.config["SHOMEI_SESSION_COOKIE"])


def current_session() -> SessionInfo | None:
    if "account" not in g:
        session_id = request.cookies.get(cookie_name())
        g.account = identity().session(session_id) if session_id else None
    return cast(SessionInfo | None, g.account)


def begin_session(response: Response, session_id: str) -> Response:
    response.set_cookie(cookie_name(), session_id, httponly=True, samesite="Lax", path="/",
                        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


def end_session(response: Response) -> Response:
    session_id = request.cookies.get(cookie_name())
    if session_id:
        identity().logout(session_id)
    response.delete_cookie(cookie_name(), path="/")
    return response


def safe_next(target: str | None) -> str:
    """Only paths of this site: an open redirect after login would help phishing."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("account.menu")


def login_required(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_session() is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(*args, **kwargs)

    return cast(F, wrapper)
