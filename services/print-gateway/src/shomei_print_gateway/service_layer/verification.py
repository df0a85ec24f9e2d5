"""Verification's handlers and reads (ADR 0036): what the public sees of a certificate by its
code (each lookup recorded), what its graduate sees of who checked, and staff's search,
revocation and log."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from shomei_print_gateway.domain.certificate import normalised_code
from shomei_print_gateway.domain.deadlines import tokyo_date
from shomei_print_gateway.domain.verification import (
    RETENTION_PASSED,
    REVOKED,
    UNKNOWN,
    Retention,
    Revocation,
    cleaned_reason,
    country_code,
    retention_ends,
    revocation_id,
    status_of,
)
from shomei_print_gateway.service_layer.ports import Dependencies, PrintGatewayUnitOfWork, Row
from shomei_print_gateway.service_layer.verification_commands import RevokeCertificate, VerifyCertificate
from shomei_shared.errors import InvalidInput, NotFound

LOG_LIMIT = 200  # lookups shown at once, newest first


def verify_certificate(command: VerifyCertificate, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> dict[str, Any]:
    retention = deps.retention
    code = normalised_code(command.code)
    if not code:
        raise InvalidInput.one("code_malformed", "code")
    now = deps.clock.now()
    with uow:
        row = uow.verifications.by_code(command.tenant_id, code)
        status = UNKNOWN if row is None else _status(row, retention, tokyo_date(now))
        uow.verifications.record_lookup(deps.new_id(), command.tenant_id, None if row is None else
                                        row["certificate_id"], now, country_code(command.country), status)
        uow.commit()
    if row is None:
        raise NotFound.one("certificate_not_found", "code")
    return public_view(row, status, retention)


def public_view(row: Row, status: str, retention: Retention) -> dict[str, Any]:
    """What whoever holds the code sees. Once the retention period has passed, only that it did:
    no name, no image (the university no longer vouches for the paper online)."""
    shown: dict[str, Any] = {
        "status": status, "verification_code": row["verification_code"], "tenant_id": row["tenant_id"],
        "kind": row["kind"], "title": row["title"], "language": row["language"],
        "issued_on": row["issued_on"].isoformat(),
        "retention_ends": retention_ends(row["issued_on"], retention.years_for(row["tenant_id"])).isoformat()}
    if status == RETENTION_PASSED:
        return shown
    shown.update(holder_name=row["holder_name"], certificate_number=row["certificate_number"], **_preview(row))
    if status == REVOKED:
        shown.update(revoked_on=tokyo_date(row["revoked_at"]).isoformat(), reason=row["reason"])
    return shown


def revoke_certificate(command: RevokeCertificate, uow: PrintGatewayUnitOfWork, deps: Dependencies) -> str:
    """`revoked`, or `already` when it was (a double click, two staff at once): one event, one
    reason, the first."""
    reason = cleaned_reason(command.reason)
    with uow:
        row = uow.verifications.get(command.tenant_id, command.certificate_id)
        if row is None:
            raise NotFound.one("certificate_not_found", "certificate_id")
        if row["revoked_at"] is not None:
            return "already"
        revocation = Revocation.revoke(command.certificate_id, command.tenant_id, row["order_id"],
                                       command.staff_id, reason)
        # The row's key decides a race: the loser inserts nothing and leaves without an event.
        if not uow.verifications.revoke(command.tenant_id, command.certificate_id, reason, command.staff_id,
                                        deps.clock.now()):
            return "already"
        uow.add(revocation)
        uow.commit()
    return "revoked"


def certificates_of(tenant_id: str, account_id: str, uow: PrintGatewayUnitOfWork, retention: Retention,
                    today: date) -> list[dict[str, Any]]:
    """The graduate's certificates, each with who checked it: time and country, never more."""
    with uow:
        rows = list(uow.verifications.of_account(tenant_id, account_id))
        lookups = uow.verifications.lookups(tenant_id, [row["certificate_id"] for row in rows], 10_000)
    checked: dict[str, list[dict[str, Any]]] = {}
    for lookup in lookups:
        checked.setdefault(lookup["certificate_id"], []).append(
            {"at": lookup["looked_up_at"].isoformat(), "country": lookup["country"]})
    return [{**_summary(row, retention, today), "lookups": checked.get(row["certificate_id"], [])} for row in rows]


def search_certificates(tenant_id: str, code: str | None, order_id: str | None, uow: PrintGatewayUnitOfWork,
                        retention: Retention, today: date) -> list[dict[str, Any]]:
    grouped = normalised_code(code) if code else None
    if code and not grouped:
        raise InvalidInput.one("code_malformed", "code")
    with uow:
        rows = uow.verifications.search(tenant_id, grouped, order_id, LOG_LIMIT)
    return [_summary(row, retention, today) for row in rows]


def certificate_detail(tenant_id: str, certificate_id: str, uow: PrintGatewayUnitOfWork, retention: Retention,
                       today: date) -> dict[str, Any]:
    """For staff: the certificate, its image, its history (issued, revoked: who, when, through
    which correlation) and every lookup of it."""
    with uow:
        row = uow.verifications.get(tenant_id, certificate_id)
        if row is None:
            raise NotFound.one("certificate_not_found", "certificate_id")
        stored = uow.events.load(revocation_id(certificate_id))
        lookups = uow.verifications.lookups(tenant_id, [certificate_id], LOG_LIMIT)
    history = [{"event": "CertificateIssued", "at": row["issued_at"].isoformat()}] + [
        {"event": e.type, "at": e.occurred_at.isoformat(), "correlation_id": e.correlation_id,
         "staff_id": e.payload.get("staff_id"), **({"reason": row["reason"]} if e.type == "CertificateRevoked" else {})}
        for e in stored]
    return {**_summary(row, retention, today), "reason": row["reason"], "history": history,
            **_preview(row), "lookups": [_logged(lookup) for lookup in lookups]}


def verification_log(tenant_id: str, uow: PrintGatewayUnitOfWork) -> list[dict[str, Any]]:
    with uow:
        return [_logged(lookup) for lookup in uow.verifications.lookups(tenant_id, None, LOG_LIMIT)]


def _preview(row: Row) -> dict[str, Any]:
    """The first page (base64), or None: `preview_pending` while the jobs process has yet to make
    it (ADR 0039), false when it never will (its PDF was gone first)."""
    png = row["preview_png"]
    return {"preview_png": base64.b64encode(png).decode() if png is not None else None,
            "preview_pending": png is None and row["preview_unavailable_at"] is None}


def _status(row: Row, retention: Retention, today: date) -> str:
    return status_of(row["issued_on"], row["revoked_at"] is not None, today, retention.years_for(row["tenant_id"]))


def _summary(row: Row, retention: Retention, today: date) -> dict[str, Any]:
    return {"certificate_id": row["certificate_id"], "order_id": row["order_id"], "kind": row["kind"],
            "title": row["title"], "language": row["language"], "holder_name": row["holder_name"],
            "issued_on": row["issued_on"].isoformat(), "certificate_number": row["certificate_number"],
            "verification_code": row["verification_code"], "status": _status(row, retention, today),
            "revoked_at": row["revoked_at"].isoformat() if row["revoked_at"] is not None else None}


def _logged(lookup: Row) -> dict[str, Any]:
    return {"at": lookup["looked_up_at"].isoformat(), "country": lookup["country"], "outcome": lookup["outcome"],
            "certificate_id": lookup["certificate_id"], "certificate_number": lookup["certificate_number"]}
