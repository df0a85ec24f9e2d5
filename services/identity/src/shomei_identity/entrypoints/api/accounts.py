"""Account changes (rules 14, 17-19): passwords, e-mail address, reset, student-number addition.
The graduate is named by a live session id and by identity's assertion for the same account
(ADR 0019): the gateway cannot act on an account whose owner is not the one signed in."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_identity.domain.errors import NotPermitted
from shomei_identity.entrypoints.api import schemas as s
from shomei_identity.entrypoints.api.common import run
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.results import SessionView
from shomei_shared.web.api import load_body
from shomei_shared.web.trust import callers, current_actor


def _account_of(session_id: str) -> str:
    view: SessionView = run(c.LookUpSession(session_id))
    actor = current_actor()
    if view.subject_kind != "graduate" or (view.subject_id, view.tenant_id) != (actor.subject_id, actor.tenant_id):
        raise NotPermitted.one("graduate_login_required", "session_id")
    return view.subject_id


def install(bp: Blueprint) -> None:
    @bp.post("/account/password")
    @callers("gateway", acting="graduate")
    def change_password() -> tuple[str, int]:
        """Change the password: current, new, confirmation. The account's other sessions end; a
        wrong current password counts as a failed login from `source`.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ChangePasswordSchema}}}
          responses: {204: {description: changed}, 400: {description: invalid}, 404: {description: no session},
                      429: {description: locked; see Retry-After}}
        """
        body = load_body(s.ChangePasswordSchema())
        run(c.ChangePassword(_account_of(body["session_id"]), body["current_password"], body["new_password"],
                             body["confirmation"], body["session_id"], body["source"]))
        return "", 204

    @bp.post("/account/second-password")
    @callers("gateway", acting="graduate")
    def change_second_password() -> tuple[str, int]:
        """Change the second password: old, new, confirmation. The account's other sessions end;
        a wrong current second password counts as a failed login from `source`.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ChangeSecondPasswordSchema}}}
          responses: {204: {description: changed}, 400: {description: invalid}, 404: {description: no session},
                      429: {description: locked; see Retry-After}}
        """
        body = load_body(s.ChangeSecondPasswordSchema())
        run(c.ChangeSecondPassword(_account_of(body["session_id"]), body["current_second_password"],
                                   body["new_second_password"], body["confirmation"], body["session_id"],
                                   body["source"]))
        return "", 204

    @bp.post("/account/email-change")
    @callers("gateway", acting="graduate")
    def request_email_change() -> tuple[str, int]:
        """Ask to change the e-mail address, with the current password; a one-time URL goes to the
        new address. A wrong current password counts as a failed login from `source`.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: RequestEmailChangeSchema}}}
          responses: {202: {description: mail on its way}, 400: {description: invalid}, 409: {description: taken},
                      429: {description: locked; see Retry-After}}
        """
        body = load_body(s.RequestEmailChangeSchema())
        run(c.RequestEmailChange(_account_of(body["session_id"]), body["new_email"], body["confirmation"],
                                 body["locale"], body["current_password"], body["source"]))
        return "", 202

    @bp.post("/account/student-number-addition")
    @callers("gateway", acting="graduate")
    def request_student_number_addition() -> tuple[str, int]:
        """Ask to add a student number; a one-time URL to the link form is mailed.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: StudentNumberAdditionSchema}}}
          responses: {202: {description: mail on its way}, 404: {description: no session}}
        """
        body = load_body(s.StudentNumberAdditionSchema())
        run(c.RequestStudentNumberAddition(_account_of(body["session_id"]), body["locale"]))
        return "", 202

    @bp.post("/email-change/confirm")
    @callers("gateway")
    def confirm_email_change() -> Response:
        """Confirm the new e-mail address by the one-time URL's token.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: TokenSchema}}}
          responses: {200: {description: "account_id, tenant_id, email"}, 400: {description: bad token}}
        """
        body = load_body(s.TokenSchema())
        ref = run(c.ConfirmEmailChange(body["token"], body["tenant_id"]))
        return jsonify(account_id=ref.account_id, tenant_id=ref.tenant_id, email=ref.email)

    @bp.post("/password-reset")
    @callers("gateway")
    def request_password_reset() -> tuple[str, int]:
        """Forgotten password: mails a one-time URL if the address has an account (same answer either way).
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: RequestPasswordResetSchema}}}
          responses: {202: {description: accepted}}
        """
        body = load_body(s.RequestPasswordResetSchema())
        run(c.RequestPasswordReset(body["tenant_id"], body["email"], body["locale"]))
        return "", 202

    @bp.post("/password-reset/confirm")
    @callers("gateway")
    def confirm_password_reset() -> tuple[str, int]:
        """Set a new password and a new second password by the reset token; clears the lockout.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: ConfirmPasswordResetSchema}}}
          responses: {204: {description: reset}, 400: {description: bad token or policy violations}}
        """
        body = load_body(s.ConfirmPasswordResetSchema())
        run(c.ConfirmPasswordReset(body["token"], body["new_password"], body["new_second_password"],
                                   body["tenant_id"]))
        return "", 204

    @bp.post("/student-number-addition/verify")
    @callers("gateway")
    def verify_student_number_addition() -> Response:
        """Use the student-number-addition token; answers whose account it is.
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: TokenSchema}}}
          responses: {200: {description: "account_id, tenant_id, email"}, 400: {description: bad token}}
        """
        body = load_body(s.TokenSchema())
        ref = run(c.VerifyStudentNumberAddition(body["token"], body["tenant_id"]))
        return jsonify(account_id=ref.account_id, tenant_id=ref.tenant_id, email=ref.email)
