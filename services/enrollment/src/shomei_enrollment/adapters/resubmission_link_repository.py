"""Re-application links in PostgreSQL, read under a row lock so one link is used once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select

from shomei_enrollment.adapters.tables import resubmission_links as links
from shomei_enrollment.domain.resubmission_link import LinkRecord


class SqlResubmissionLinks:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, record: LinkRecord) -> None:
        self._c.execute(links.insert().values(
            token_hash=record.token_hash, tenant_id=record.tenant_id, application_id=record.application_id,
            expires_at=record.expires_at, used_at=record.used_at))

    def get(self, token_hash: str) -> LinkRecord | None:
        locked = select(links).where(links.c.token_hash == token_hash).with_for_update()
        row = self._c.execute(locked).mappings().first()
        return None if row is None else LinkRecord(**row)

    def save(self, record: LinkRecord) -> None:
        self._c.execute(links.update().where(links.c.token_hash == record.token_hash).values(used_at=record.used_at))

    def purge_expired(self, before: datetime) -> int:
        return self._c.execute(delete(links).where(links.c.expires_at < before)).rowcount
