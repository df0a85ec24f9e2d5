"""Tenants' profiles, logos and closure periods in PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert

from shomei_enrollment.adapters.tables import calendar_periods, tenant_logos, tenant_profiles, tenant_seals
from shomei_enrollment.domain.tenant_profile import Closure
from shomei_enrollment.service_layer.ports import Row

_FIELDS = ("name_ja", "name_en", "accent", "accent_ink", "contact_email", "terms_ja", "terms_en", "notes_ja",
           "notes_en", "logo_version", "president_title_ja", "president_title_en", "president_name_ja",
           "president_name_en")


class SqlTenantRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def profile(self, tenant_id: str) -> Row | None:
        row = self._db.execute(select(tenant_profiles).where(tenant_profiles.c.tenant_id == tenant_id)).first()
        return None if row is None else self._with_closures(dict(row._mapping))

    def all(self) -> list[Row]:
        rows = self._db.execute(select(tenant_profiles).order_by(tenant_profiles.c.tenant_id)).all()
        return [self._with_closures(dict(row._mapping)) for row in rows]

    def save_profile(self, tenant_id: str, values: Row) -> None:
        row = {key: values[key] for key in _FIELDS if key in values}
        statement = insert(tenant_profiles).values(tenant_id=tenant_id, **row)
        self._db.execute(statement.on_conflict_do_update(index_elements=["tenant_id"], set_=row))

    def replace_closures(self, tenant_id: str, closures: tuple[Closure, ...]) -> None:
        """The review calendar's closures (rule 15) are the profile's: one list, two readers."""
        kind = calendar_periods.c.kind == "closure"
        self._db.execute(delete(calendar_periods).where(calendar_periods.c.tenant_id == tenant_id, kind))
        for closure in closures:
            self._db.execute(insert(calendar_periods).values(
                tenant_id=tenant_id, kind="closure", first_day=closure.first_day, last_day=closure.last_day,
                label=closure.label).on_conflict_do_nothing())

    def logo(self, tenant_id: str) -> Row | None:
        row = self._db.execute(select(tenant_logos).where(tenant_logos.c.tenant_id == tenant_id)).first()
        return None if row is None else dict(row._mapping)

    def save_logo(self, tenant_id: str, media_type: str, content: bytes, sha256: str) -> None:
        values: dict[str, Any] = {"media_type": media_type, "content": content, "sha256": sha256}
        statement = insert(tenant_logos).values(tenant_id=tenant_id, **values)
        self._db.execute(statement.on_conflict_do_update(index_elements=["tenant_id"], set_=values))

    def seal(self, tenant_id: str) -> Row | None:
        row = self._db.execute(select(tenant_seals).where(tenant_seals.c.tenant_id == tenant_id)).first()
        return None if row is None else dict(row._mapping)

    def save_seal(self, tenant_id: str, content: bytes, sha256: str) -> None:
        values: dict[str, Any] = {"content": content, "sha256": sha256}
        statement = insert(tenant_seals).values(tenant_id=tenant_id, **values)
        self._db.execute(statement.on_conflict_do_update(index_elements=["tenant_id"], set_=values))

    def _with_closures(self, row: dict[str, Any]) -> Row:
        periods = self._db.execute(
            select(calendar_periods).where(calendar_periods.c.tenant_id == row["tenant_id"],
                                           calendar_periods.c.kind == "closure")
            .order_by(calendar_periods.c.first_day)).all()
        row["closures"] = [{"first_day": p.first_day.isoformat(), "last_day": p.last_day.isoformat(),
                            "label": p.label} for p in periods]
        row.pop("updated_at", None)
        return row
