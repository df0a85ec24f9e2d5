"""Staff login (password + TOTP) and the notifier's secret redemption."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from shomei_identity.entrypoints.api.common import iso, run
from shomei_identity.entrypoints.api.schemas import StaffLogInSchema
from shomei_identity.service_layer import commands as c
from shomei_shared.web.api import load_body
from shomei_shared.web.secret_redemption import install_secret_redemption
from shomei_shared.web.trust import callers, current_actor


def install(bp: Blueprint) -> None:
    @bp.post("/staff/login")
    @callers("admin")
    def staff_log_in() -> Response:
        """Staff login with password and the current TOTP code; the session carries tenant and roles.
        `device`: the id for the console's device cookie, sent back as `device` with later logins,
        which are then guarded per device rather than per address (ADR 0026).
        ---
        post:
          security: [{internal: []}]
          requestBody: {content: {application/json: {schema: StaffLogInSchema}}}
          responses:
            200: {description: "staff_id, tenant_id, roles, session_id, expires_at, device"}
            401: {description: refused}
            429: {description: locked; see Retry-After}
        """
        body = load_body(StaffLogInSchema())
        session = run(c.StaffLogIn(body["tenant_id"], body["email"], body["password"], body["totp_code"],
                                   body["source"], body["device"]))
        return jsonify(staff_id=session.staff_id, tenant_id=session.tenant_id, roles=list(session.roles),
                       session_id=session.session_id, expires_at=iso(session.expires_at), device=session.device)

    @bp.get("/staff/lockouts")
    @callers("admin", acting="staff", role="tenant_admin")
    def staff_lockouts() -> Response:
        """The acting tenant administrator's university: staff whose login is locked now (from
        some source), for the console (docs/adr/0021). The tenant comes from the assertion.
        ---
        get:
          security: [{internal: []}]
          responses:
            200: {description: "lockouts: staff_id, email, locked_until; the longest first"}
        """
        lockouts = run(c.ListStaffLockouts(current_actor().tenant_id))
        return jsonify(lockouts=[{"staff_id": lockout.staff_id, "email": lockout.email,
                                  "locked_until": iso(lockout.locked_until)} for lockout in lockouts])

    install_secret_redemption(bp, c.RedeemSecret)
