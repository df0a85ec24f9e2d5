"""The repositories on PostgreSQL, all working in the unit of work's connection (transaction)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from shomei_identity.adapters import tables as t
from shomei_identity.domain.credentials import AccountCredentials
from shomei_identity.domain.devices import KnownDevice
from shomei_identity.domain.lockout import LoginGuard
from shomei_identity.domain.sessions import ABSOLUTE_TIMEOUT, IDLE_TIMEOUT, LoginSession
from shomei_identity.domain.staff import StaffMember
from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose
from shomei_identity.service_layer.ports import StaffLockout


class PostgresAccounts:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, credentials: AccountCredentials) -> None:
        self._c.execute(t.accounts.insert().values(**asdict(credentials)))

    def save(self, credentials: AccountCredentials) -> None:
        values = asdict(credentials)
        self._c.execute(update(t.accounts).where(t.accounts.c.account_id == values.pop("account_id")).values(**values))

    def get(self, account_id: str) -> AccountCredentials | None:
        return self._one(t.accounts.c.account_id == account_id)

    def by_email(self, tenant_id: str, email: str) -> AccountCredentials | None:
        return self._one((t.accounts.c.tenant_id == tenant_id) & (t.accounts.c.email == email))

    def by_application(self, tenant_id: str, application_id: str) -> AccountCredentials | None:
        return self._one((t.accounts.c.tenant_id == tenant_id) & (t.accounts.c.application_id == application_id))

    def _one(self, condition: Any) -> AccountCredentials | None:
        row = self._c.execute(select(t.accounts).where(condition).with_for_update()).mappings().first()
        return None if row is None else AccountCredentials(**row)


class PostgresGuards:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def get(self, subject_id: str, source: str) -> LoginGuard:
        # Create the row first, so that concurrent failed logins queue on its lock and none is lost.
        self._c.execute(insert(t.login_guards).values(subject_id=subject_id, source=source)
                        .on_conflict_do_nothing())
        c = t.login_guards.c
        row = self._c.execute(select(t.login_guards).where((c.subject_id == subject_id) & (c.source == source))
                              .with_for_update()).mappings().one()
        return LoginGuard(**row)

    def save(self, guard: LoginGuard) -> None:
        values = asdict(guard)
        statement = insert(t.login_guards).values(**values)
        self._c.execute(statement.on_conflict_do_update(index_elements=["subject_id", "source"], set_={
            "failures": statement.excluded.failures, "locks": statement.excluded.locks,
            "locked_until": statement.excluded.locked_until}))

    def clear_all(self, subject_id: str) -> None:
        self._c.execute(delete(t.login_guards).where(t.login_guards.c.subject_id == subject_id))


class PostgresDevices:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def get(self, subject_id: str, id_hash: str) -> KnownDevice | None:
        c = t.known_devices.c
        row = self._c.execute(select(t.known_devices).where((c.subject_id == subject_id) & (c.id_hash == id_hash))
                              ).mappings().first()
        return None if row is None else KnownDevice(**row)

    def of_subject(self, subject_id: str) -> list[KnownDevice]:
        c = t.known_devices.c
        rows = self._c.execute(select(t.known_devices).where(c.subject_id == subject_id)).mappings()
        return [KnownDevice(**row) for row in rows]

    def save(self, device: KnownDevice) -> None:
        statement = insert(t.known_devices).values(**asdict(device))
        self._c.execute(statement.on_conflict_do_update(index_elements=["subject_id", "id_hash"], set_={
            "last_seen_at": statement.excluded.last_seen_at}))

    def delete(self, subject_id: str, id_hash: str) -> None:
        c = t.known_devices.c
        self._c.execute(delete(t.known_devices).where((c.subject_id == subject_id) & (c.id_hash == id_hash)))


class PostgresTokens:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, token: OneTimeToken) -> None:
        self._c.execute(t.one_time_tokens.insert().values(**asdict(token)))

    def get(self, token_hash: str) -> OneTimeToken | None:
        row = self._c.execute(select(t.one_time_tokens).where(t.one_time_tokens.c.token_hash == token_hash)
                              .with_for_update()).mappings().first()
        if row is None:
            return None
        return OneTimeToken(**{**row, "purpose": TokenPurpose(row["purpose"])})

    def save(self, token: OneTimeToken) -> None:
        self._c.execute(update(t.one_time_tokens).where(t.one_time_tokens.c.token_hash == token.token_hash)
                        .values(used_at=token.used_at))

    def purge_expired(self, before: datetime) -> None:
        self._c.execute(delete(t.one_time_tokens).where(t.one_time_tokens.c.expires_at < before))

    def count_live(self, purpose: TokenPurpose, subject_id: str, now: datetime) -> int:
        c = t.one_time_tokens.c
        return int(self._c.execute(select(func.count()).where(
            (c.purpose == purpose.value) & (c.subject_id == subject_id) & (c.expires_at > now)
            & c.used_at.is_(None))).scalar_one())


class PostgresSessions:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def add(self, session: LoginSession) -> None:
        self._c.execute(t.sessions.insert().values(**{**asdict(session), "roles": list(session.roles)}))

    def get(self, id_hash: str) -> LoginSession | None:
        row = self._c.execute(select(t.sessions).where(t.sessions.c.id_hash == id_hash)).mappings().first()
        return None if row is None else LoginSession(**{**row, "roles": tuple(row["roles"])})

    def save(self, session: LoginSession) -> None:
        self._c.execute(update(t.sessions).where(t.sessions.c.id_hash == session.id_hash)
                        .values(last_seen_at=session.last_seen_at))

    def delete(self, id_hash: str) -> None:
        self._c.execute(delete(t.sessions).where(t.sessions.c.id_hash == id_hash))

    def delete_for_subject(self, subject_id: str, keep: str | None = None) -> None:
        self._c.execute(delete(t.sessions).where((t.sessions.c.subject_id == subject_id)
                                                 & (t.sessions.c.id_hash != (keep or ""))))

    def purge_expired(self, now: datetime) -> None:
        self._c.execute(delete(t.sessions).where((t.sessions.c.last_seen_at <= now - IDLE_TIMEOUT)
                                                 | (t.sessions.c.created_at <= now - ABSOLUTE_TIMEOUT)))


class PostgresStaff:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def by_email(self, tenant_id: str, email: str) -> StaffMember | None:
        # Locked: two logins with the same TOTP code must not both see it unused.
        return self._one((t.staff_members.c.tenant_id == tenant_id) & (t.staff_members.c.email == email),
                         lock=True)

    def get(self, staff_id: str) -> StaffMember | None:
        return self._one(t.staff_members.c.staff_id == staff_id)

    def sealed_with_other_keys(self, key_id: str) -> list[StaffMember]:
        query = select(t.staff_members).where(t.staff_members.c.totp_key_id != key_id).with_for_update()
        return [self._member(row) for row in self._c.execute(query).mappings()]

    def locked_out(self, tenant_id: str, now: datetime) -> list[StaffLockout]:
        s, g = t.staff_members.c, t.login_guards.c
        until = func.max(g.locked_until).label("until")
        rows = self._c.execute(
            select(s.staff_id, s.email, until).join_from(t.staff_members, t.login_guards, s.staff_id == g.subject_id)
            .where((s.tenant_id == tenant_id) & (g.locked_until > now)).group_by(s.staff_id, s.email)
            .order_by(until.desc(), s.email)).all()
        return [StaffLockout(row.staff_id, row.email, row.until) for row in rows]

    def save(self, staff: StaffMember) -> None:
        values = {**asdict(staff), "roles": list(staff.roles)}
        statement = insert(t.staff_members).values(**values)
        self._c.execute(statement.on_conflict_do_update(index_elements=["staff_id"], set_={
            key: getattr(statement.excluded, key) for key in values if key != "staff_id"}))

    def _one(self, condition: Any, lock: bool = False) -> StaffMember | None:
        query = select(t.staff_members).where(condition)
        row = self._c.execute(query.with_for_update() if lock else query).mappings().first()
        return None if row is None else self._member(row)

    @staticmethod
    def _member(row: Any) -> StaffMember:
        return StaffMember(**{**row, "roles": tuple(row["roles"]),
                              "sealed_totp_secret": bytes(row["sealed_totp_secret"])})
