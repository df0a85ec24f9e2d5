"""Who may call an internal endpoint, and on whose behalf (ADR 0019).

Every internal endpoint declares, with `@callers(...)`, which services may call it and whether a
person acts through the call. A caller proves which service it is with its own credential
(`Authorization: Bearer <service>.<secret>`); the callee holds only verifiers (sha256 of each
secret, one or more per caller, so a secret rotates without downtime). A person acting is named
by a short-lived assertion that identity signed (`X-Shomei-Assertion`, a JWT): the callee takes the
tenant, the subject and the roles from it and from nowhere else. An endpoint without a declaration
is refused (fail closed).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from flask import Flask, current_app, g, has_request_context, request

from shomei_shared.settings import TrustSettings
from shomei_shared.web.api import ApiError, api_error_response
from shomei_shared.web.assertions import ASSERTION_HEADER, Actor, AssertionVerifier

log = logging.getLogger(__name__)

Acting = Literal["nobody", "graduate", "staff"]
ROLES = frozenset({"reviewer", "registrar", "auditor", "tenant_admin"})
ANY_SERVICE = "*"  # documents such as the OpenAPI document: every known service may read them
MONITOR = "monitor"  # the operators' scraper: readiness and metrics, nothing else
PROTECTED = ("/internal", "/metrics", "/readyz")
F = TypeVar("F", bound=Callable[..., Any])
_MARK = "__shomei_trust__"


@dataclass(frozen=True)
class Declaration:
    """Which services may call an endpoint and who acts through it. For staff, `role` is the role
    the endpoint needs (a tenant admin may do everything); None means any staff role."""

    callers: frozenset[str]
    acting: Acting = "nobody"
    role: str | None = None
    anonymous: bool = False  # a request with no credential at all is let in too (ADR 0040)

    def admits(self, service: str) -> bool:
        return service in self.callers or ANY_SERVICE in self.callers


def callers(*services: str, acting: Acting = "nobody", role: str | None = None,
            anonymous: bool = False) -> Callable[[F], F]:
    """Declare an internal endpoint: `@callers("admin", acting="staff", role="reviewer")`.

    `anonymous=True` also lets in a request that sends no credential at all (the kubelet's
    readiness probe); the view then tells the two apart with `current_caller_or_none()` and gives
    an anonymous caller less. A credential that is sent is still checked: a wrong one is refused."""
    if not services:
        raise ValueError("name at least one calling service")
    if role is not None and (acting != "staff" or role not in ROLES):
        raise ValueError(f"role {role!r} needs acting='staff' and one of {sorted(ROLES)}")
    if anonymous and acting != "nobody":
        raise ValueError("an endpoint anyone may call has nobody acting through it")
    declaration = Declaration(frozenset(services), acting, role, anonymous)

    def mark(view: F) -> F:
        setattr(view, _MARK, declaration)
        return view

    return mark


def declaration_of(view: Callable[..., Any] | None) -> Declaration | None:
    return getattr(view, _MARK, None)


def verifier_of(secret: str) -> str:
    """What a callee stores for a caller's secret. Secrets are long random values, so a plain
    sha256 suffices (no password hashing); the callee's settings then hold nothing a caller sends."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_verifiers(text: str) -> dict[str, tuple[str, ...]]:
    """`gateway=<sha256 hex>,admin=<sha256 hex>,gateway=<old sha256 hex>` → per caller its verifiers."""
    found: dict[str, list[str]] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        service, _, digest = item.partition("=")
        if not service or len(digest) != 64:
            raise ValueError(f"a caller verifier is <service>=<sha256 hex>, not {item[:20]!r}…")
        found.setdefault(service.strip(), []).append(digest.strip().lower())
    return {service: tuple(digests) for service, digests in found.items()}


def format_verifiers(verifiers: Mapping[str, Iterable[str]]) -> str:
    return ",".join(f"{service}={digest}" for service, digests in verifiers.items() for digest in digests)


def caller_of(authorization: str, verifiers: Mapping[str, tuple[str, ...]]) -> str | None:
    """The service that `Authorization: Bearer <service>.<secret>` proves, or None."""
    scheme, _, credential = authorization.partition(" ")
    service, dot, secret = credential.partition(".")
    if scheme != "Bearer" or not dot or not secret:
        return None
    supplied = verifier_of(secret)
    # Every verifier of the named caller is compared, so timing says nothing about which matched.
    matched = [hmac.compare_digest(supplied, known) for known in verifiers.get(service, ())]
    return service if any(matched) else None


@dataclass(frozen=True)
class Trust:
    """A callee's side: the verifiers of the services it accepts, and identity's public keys."""

    verifiers: Mapping[str, tuple[str, ...]]
    assertions: AssertionVerifier

    @classmethod
    def of(cls, settings: TrustSettings, assertion_keys: str | None = None) -> Trust:
        keys = settings.assertion_keys if assertion_keys is None else assertion_keys
        return cls(parse_verifiers(settings.callers), AssertionVerifier(keys))


def _refuse(status: int, ja: str, en: str, field: str = "Authorization") -> ApiError:
    return ApiError.one(status, field, ja, en)


def install_trust(app: Flask, trust: Trust, prefixes: tuple[str, ...] = PROTECTED) -> None:
    """Every request under `prefixes`: the caller's credential, the endpoint's declaration (none:
    refused), the caller among the declared ones, and the acting person's assertion. Metrics and
    readiness's details are protected too: they tell an attacker what is down and how busy the
    suite is (readiness's bare yes or no answers anyone, ADR 0040)."""
    app.register_error_handler(ApiError, api_error_response)

    @app.before_request
    def _check() -> None:
        if not any(request.path == prefix or request.path.startswith(prefix + "/") for prefix in prefixes):
            return
        authorization = request.headers.get("Authorization", "")
        declaration = (declaration_of(current_app.view_functions.get(request.endpoint))
                       if request.endpoint is not None else None)
        if not authorization and declaration is not None and declaration.anonymous:
            return
        caller = caller_of(authorization, trust.verifiers)
        if caller is None:
            raise _refuse(401, "認証が必要です。", "Authentication required.")
        if request.endpoint is None:
            return  # no such route: Flask answers 404 to an authenticated caller
        if declaration is None:
            log.error("internal endpoint %s has no @callers declaration; refused", request.endpoint)
            raise _refuse(403, "この操作は許可されていません。", "This endpoint admits no caller.")
        if not declaration.admits(caller):
            raise _refuse(403, "この操作は許可されていません。", f"The {caller} service may not call this.")
        g.shomei_caller = caller
        if declaration.acting != "nobody":
            g.shomei_actor = _actor_for(declaration, trust.assertions)


def _actor_for(declaration: Declaration, assertions: AssertionVerifier) -> Actor:
    actor = assertions.verify(request.headers.get(ASSERTION_HEADER, ""))
    if actor is None:
        raise _refuse(401, "本人確認が必要です。", "A valid assertion of the acting person is required.",
                      ASSERTION_HEADER)
    if actor.kind != declaration.acting:
        raise _refuse(403, "この操作は許可されていません。", f"Only {declaration.acting} may do this.",
                      ASSERTION_HEADER)
    if declaration.acting == "staff" and not actor.may(declaration.role):
        raise _refuse(403, "この操作の権限がありません。", "Your roles do not allow this.", ASSERTION_HEADER)
    return actor


def current_actor() -> Actor:
    """The person acting through this request, as identity's assertion names them."""
    actor: Actor | None = g.get("shomei_actor")
    if actor is None:
        raise RuntimeError("this endpoint is declared with no person acting")
    return actor


def current_caller() -> str:
    caller: str = g.shomei_caller
    return caller


def current_caller_or_none() -> str | None:
    """The proven caller, or None when an endpoint declared `anonymous=True` was called without a
    credential (or the app has no trust installed)."""
    caller: str | None = g.get("shomei_caller")
    return caller


def same_tenant(claimed: str | None) -> str:
    """The actor's tenant; a request that names another one is refused, never followed."""
    tenant = current_actor().tenant_id
    if claimed and claimed != tenant:
        raise _refuse(403, "他の大学のデータは扱えません。", "The request names another tenant.", "tenant_id")
    return tenant


def remember_assertion(token: str | None) -> None:
    """A gateway or console request: identity's assertion for its signed-in person, which
    `InternalClient` then sends with every call made during the request."""
    g.shomei_assertion = token


def request_assertion() -> str | None:
    """The assertion of the person this request acts for, if any (None outside a request)."""
    if not has_request_context():
        return None
    token: str | None = g.get("shomei_assertion")
    return token
