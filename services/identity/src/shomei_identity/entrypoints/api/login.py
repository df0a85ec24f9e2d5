"""Graduate login (rule 13), the first login's password setting (rule 12), sessions."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from shomei_identity.domain.errors import NotFound
from shomei_identity.entrypoints.api.common import iso, run
from shomei_identity.entrypoints.api.schemas import (
    LogInSchema,
    SessionLookupSchema,
    SessionSchema,
    SetFirstPasswordsSchema,
)
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.results import LoginResult
from shomei_shared.web.api import load_body
from shomei_shared.web.assertions import Actor, AssertionSigner
from shomei_shared.web.trust import callers, current_caller

SESSION_KINDS = {"gateway": "graduate", "admin": "staff"}


def assertions() -> AssertionSigner:
    signer: AssertionSigner = current_app.extensions["shomei.assertions"]
    return signer


def _login_body(result: LoginResult) -> Response:
    # The device id only after a login's correct credentials: the browser's cookie (ADR 0026).
    device = {} if result.device is None else {"device": result.device}
    if result.setup_token is not None:
        return jsonify(status=result.status, account_id=result.account_id, setup_token=result.setup_token,
                       expires_at=iso(result.expires_at), **device)
    return jsonify(status=result.status, account_id=result.account_id, session_id=result.session_id,
                   expires_at=iso(result.expires_at), **device)


def install(bp: Blueprint) -> None:
    @bp.post("/login")
    @callers("gateway")
    def log_in() -> Response:
        """Log in with e-mail, password and second password. With the initial password and an empty
        second password the answer is `must_set_passwords` with a `setup_token` (15 minutes, single
        use) for /login/first-passwords, and no session. Either way `device`: the id the browser
        keeps in its device cookie and sends as `device` with its next logins, which are then
        guarded per device rather than per address (ADR 0026).
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: LogInSchema}}}
          responses:
            200: {description: "status ok with session_id, or must_set_passwords with setup_token; device"}
            401: {description: refused (never says which part was wrong)}
            429: {description: locked; see Retry-After}
        """
        body = load_body(LogInSchema())
        return _login_body(run(c.LogIn(body["tenant_id"], body["email"], body["password"], body["second_password"],
                                       body["source"], body["device"])))

    @bp.post("/login/first-passwords")
    @callers("gateway")
    def set_first_passwords() -> Response:
        """First login: set the password and the second password (by the login's setup token).
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: SetFirstPasswordsSchema}}}
          responses:
            200: {description: "status ok with a new session"}
            400: {description: "password policy violations, one per field; or a bad setup token"}
            409: {description: initial password expired or passwords already set}
        """
        body = load_body(SetFirstPasswordsSchema())
        return _login_body(run(c.SetFirstPasswords(body["setup_token"], body["password"], body["second_password"])))

    @bp.post("/sessions/lookup")
    @callers("gateway", "admin")
    def look_up_session() -> Response:
        """Who a session belongs to, with a fresh assertion of it for the calls made on its owner's
        behalf (ADR 0019); extends its idle time. The gateway sees only graduates' sessions, the
        console only staff's.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: SessionLookupSchema}}}
          responses:
            200:
              description: >-
                subject_kind, subject_id, account_id (graduates), tenant_id, email, roles, expires_at,
                assertion (identity's signed statement of who acts, for the calls made on their behalf)
            404: {description: no such session, or it has expired}
        """
        body = load_body(SessionLookupSchema())
        view = run(c.LookUpSession(body["session_id"], body["tenant_id"]))
        if view.subject_kind != SESSION_KINDS[current_caller()]:
            raise NotFound.one("session_not_found", "session_id")  # as an unknown session is told
        account_id = view.subject_id if view.subject_kind == "graduate" else None
        actor = Actor(view.tenant_id, view.subject_id, view.subject_kind, tuple(view.roles))
        return jsonify(subject_kind=view.subject_kind, subject_id=view.subject_id, account_id=account_id,
                       tenant_id=view.tenant_id, email=view.email, roles=list(view.roles),
                       expires_at=iso(view.expires_at), assertion=assertions().issue(actor))

    @bp.post("/sessions/logout")
    @callers("gateway", "admin")
    def log_out() -> tuple[str, int]:
        """End a session.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: SessionSchema}}}
          responses:
            204: {description: ended (also when it did not exist)}
        """
        run(c.LogOut(load_body(SessionSchema())["session_id"]))
        return "", 204
