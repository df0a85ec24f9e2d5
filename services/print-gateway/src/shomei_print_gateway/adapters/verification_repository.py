"""Certificates as verification reads them, their revocations and the lookup log, on the unit of
work's connection (ADR 0036)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert

from shomei_print_gateway.adapters.tables import certificate_revocations, certificates, verification_lookups
from shomei_print_gateway.service_layer.ports import Row

_REVOKED = (certificate_revocations.c.revoked_at, certificate_revocations.c.reason,
            certificate_revocations.c.staff_id.label("revoked_by"))


def _certificates(tenant_id: str) -> Select[Any]:
    joined = certificates.outerjoin(certificate_revocations,
                                    certificate_revocations.c.certificate_id == certificates.c.certificate_id)
    return select(certificates, *_REVOKED).select_from(joined).where(certificates.c.tenant_id == tenant_id)


class SqlVerificationRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _rows(self, query: Select[Any]) -> list[Row]:
        return [dict(row) for row in self._connection.execute(query).mappings()]

    def by_code(self, tenant_id: str, code: str) -> Row | None:
        return next(iter(self._rows(_certificates(tenant_id).where(certificates.c.verification_code == code))), None)

    def get(self, tenant_id: str, certificate_id: str) -> Row | None:
        query = _certificates(tenant_id).where(certificates.c.certificate_id == certificate_id)
        return next(iter(self._rows(query)), None)

    def of_account(self, tenant_id: str, account_id: str) -> Sequence[Row]:
        query = _certificates(tenant_id).where(certificates.c.account_id == account_id)
        return self._rows(query.order_by(certificates.c.issued_at.desc(), certificates.c.certificate_number))

    def search(self, tenant_id: str, code: str | None, order_id: str | None, limit: int) -> Sequence[Row]:
        query = _certificates(tenant_id)
        if code:
            query = query.where(certificates.c.verification_code == code)
        if order_id:
            query = query.where(certificates.c.order_id == order_id)
        return self._rows(query.order_by(certificates.c.issued_at.desc(), certificates.c.certificate_number)
                          .limit(limit))

    def revoke(self, tenant_id: str, certificate_id: str, reason: str, staff_id: str, at: datetime) -> bool:
        # RETURNING: a second revocation (a double click, two staff at once) inserts nothing.
        statement = (upsert(certificate_revocations)
                     .values(certificate_id=certificate_id, tenant_id=tenant_id, reason=reason, staff_id=staff_id,
                             revoked_at=at)
                     .on_conflict_do_nothing(index_elements=[certificate_revocations.c.certificate_id])
                     .returning(certificate_revocations.c.certificate_id))
        return self._connection.execute(statement).first() is not None

    def record_lookup(self, lookup_id: str, tenant_id: str, certificate_id: str | None, at: datetime,
                      country: str | None, outcome: str) -> None:
        self._connection.execute(insert(verification_lookups).values(
            id=lookup_id, tenant_id=tenant_id, certificate_id=certificate_id, looked_up_at=at, country=country,
            outcome=outcome))

    def lookups(self, tenant_id: str, certificate_ids: Sequence[str] | None, limit: int) -> Sequence[Row]:
        joined = verification_lookups.outerjoin(
            certificates, certificates.c.certificate_id == verification_lookups.c.certificate_id)
        query = (select(verification_lookups, certificates.c.certificate_number).select_from(joined)
                 .where(verification_lookups.c.tenant_id == tenant_id))
        if certificate_ids is not None:
            query = query.where(verification_lookups.c.certificate_id.in_(certificate_ids))
        return self._rows(query.order_by(verification_lookups.c.looked_up_at.desc(), verification_lookups.c.id)
                          .limit(limit))
