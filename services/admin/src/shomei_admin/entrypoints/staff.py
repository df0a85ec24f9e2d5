"""Staff sessions: an identity staff-session id in an HttpOnly cookie; roles gate each action."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, g, redirect, request, url_for

from shomei_admin.service_layer.ports import ReviewApi, StaffIdentityApi, StaffSession

F = TypeVar("F", bound=Callable[..., Any])
COOKIE = "shomei_staff"


def identity() -> StaffIdentityApi:
    return cast(StaffIdentityApi, current_app.extensions["shomei.identity"])


def reviews() -> ReviewApi:
    return cast(ReviewApi, current_app.extensions["shomei.reviews"])


def current_staff() -> StaffSession | None:
    if "staff" not in g:
        session_id = request.cookies.get(COOKIE)
        g.staff = identity().staff_session(session_id) if session_id else None
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
                return redirect(url_for("console.login", next=request.path))
            if role is not None and not member.may(role):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate
