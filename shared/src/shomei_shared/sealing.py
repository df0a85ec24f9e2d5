"""Sealed secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) keyed by SHOMEI_SECRET_SEAL_KEY.

One copy for every service that hands the notifier a secret by reference (identity's one-time
URLs and initial passwords, enrollment's re-application links; ADR 0006, 0023)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Column, Connection, DateTime, Index, LargeBinary, MetaData, Table, Text, delete, select

from shomei_shared.errors import NotFound
from shomei_shared.settings import SettingsError


class Sealer(Protocol):
    def seal(self, plaintext: str) -> bytes: ...

    def unseal(self, sealed: bytes) -> str: ...


class FernetSealer:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, plaintext: str) -> bytes:
        return self._fernet.encrypt(plaintext.encode())

    def unseal(self, sealed: bytes) -> str:
        try:
            return self._fernet.decrypt(sealed).decode()
        except InvalidToken:
            raise ValueError("sealed value cannot be opened with this key") from None


def seal_key(configured: str) -> str:
    """The configured Fernet key, in every environment: development and tests generate one
    (`shomei_devtools.dev_secrets`, test fixtures) rather than derive it from a label."""
    try:
        Fernet(configured.strip().encode())
    except ValueError:
        raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be a Fernet key (32 url-safe base64 bytes)") from None
    return configured.strip()


@dataclass(frozen=True)
class RedeemedSecret:
    kind: str
    value: str

    def __repr__(self) -> str:
        return f"RedeemedSecret(kind={self.kind!r}, value=<hidden>)"


def sealed_secrets_table(metadata: MetaData) -> Table:
    """The vault's table, in the service's own metadata (and its own migration)."""
    return Table(
        "sealed_secrets", metadata,
        Column("secret_ref", Text, primary_key=True),
        Column("tenant_id", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("sealed_value", LargeBinary, nullable=False),
        Column("expires_at", DateTime(timezone=True), nullable=False),
        Index("sealed_secrets_expires_at_idx", "expires_at"),
    )


class SqlSecretVault:
    """Values the notifier redeems by reference (the contracts' `secret_ref`): sealed at rest,
    the same on every redemption until they expire, then deleted."""

    def __init__(self, connection: Connection, sealer: Sealer, table: Table) -> None:
        self._c, self._sealer, self._t = connection, sealer, table

    def put(self, tenant_id: str, kind: str, value: str, expires_at: datetime) -> str:
        secret_ref = str(uuid.uuid4())
        self._c.execute(self._t.insert().values(
            secret_ref=secret_ref, tenant_id=tenant_id, kind=kind, sealed_value=self._sealer.seal(value),
            expires_at=expires_at))
        return secret_ref

    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None:
        c = self._t.c
        row = self._c.execute(select(c.kind, c.sealed_value).where(
            (c.secret_ref == secret_ref) & (c.expires_at > now))).first()
        return None if row is None else RedeemedSecret(row.kind, self._sealer.unseal(bytes(row.sealed_value)))

    def purge_expired(self, now: datetime) -> int:
        return self._c.execute(delete(self._t).where(self._t.c.expires_at <= now)).rowcount


class Vault(Protocol):
    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None: ...
    def purge_expired(self, now: datetime) -> int: ...


def redeem(vault: Vault, secret_ref: str, now: datetime) -> RedeemedSecret | None:
    """The same value on every call within validity (a redelivered event mails the same thing);
    expired values are deleted on the way (commit before refusing, so the deletion stays)."""
    vault.purge_expired(now)
    return vault.redeem(secret_ref, now)


def found(redeemed: RedeemedSecret | None) -> RedeemedSecret:
    if redeemed is None:
        raise NotFound.one("secret_not_found", "secret_ref")
    return redeemed
