"""Sealed secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key ring read from
SHOMEI_SECRET_SEAL_KEY (ADR 0021), required in every environment (ADR 0023).

One copy for every service that hands the notifier a secret by reference (identity's one-time
URLs and initial passwords, enrollment's re-application links; ADR 0006, 0023).

The setting is either one bare Fernet key (it gets the id "0", the id every value sealed before
key rings carries) or `id:key` pairs separated by commas, the first being the current key:
`2027a:<new key>,0:<old key>`. Every sealed value is stored with the id of the key that sealed
it, so opening it needs no trial and error, and a key can be retired once nothing names it
(rotate: put the new key first; reseal; retire the old one)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Column, Connection, DateTime, Index, LargeBinary, MetaData, Table, Text, delete, select, update

from shomei_shared.errors import NotFound
from shomei_shared.settings import PLACEHOLDERS, SettingsError

LEGACY_KEY_ID = "0"
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class Sealer(Protocol):
    @property
    def current_key_id(self) -> str: ...

    def seal(self, plaintext: str) -> tuple[str, bytes]: ...

    def unseal(self, key_id: str, sealed: bytes) -> str: ...


class KeyRingSealer:
    """Seals with the current key; opens with whichever key of the ring a value names."""

    def __init__(self, keys: dict[str, str], current: str) -> None:
        if current not in keys:
            raise SettingsError("the current seal key id is not in the ring")
        self._fernets = {key_id: Fernet(key.encode()) for key_id, key in keys.items()}
        self._current = current

    @property
    def current_key_id(self) -> str:
        return self._current

    def seal(self, plaintext: str) -> tuple[str, bytes]:
        return self._current, self._fernets[self._current].encrypt(plaintext.encode())

    def unseal(self, key_id: str, sealed: bytes) -> str:
        fernet = self._fernets.get(key_id)
        if fernet is None:
            raise ValueError(f"seal key {key_id!r} is not in the ring (retired too early?)")
        try:
            return fernet.decrypt(sealed).decode()
        except InvalidToken:
            raise ValueError(f"sealed value cannot be opened with seal key {key_id!r}") from None


def key_ring(configured: str) -> KeyRingSealer:
    """The configured ring, in every environment: development and tests generate their keys
    (`shomei_devtools.dev_secrets`, test fixtures) rather than derive one from a label. Errors
    never repeat the keys."""
    if configured.strip().lower() in PLACEHOLDERS:
        raise SettingsError("SHOMEI_SECRET_SEAL_KEY must be set (a Fernet key, or id:key pairs)")
    entries = [entry.strip() for entry in configured.split(",") if entry.strip()]
    if len(entries) == 1 and ":" not in entries[0]:
        entries = [f"{LEGACY_KEY_ID}:{entries[0]}"]
    keys: dict[str, str] = {}
    for position, entry in enumerate(entries, start=1):
        key_id, _, key = entry.partition(":")
        if not _KEY_ID.match(key_id) or key_id in keys:
            raise SettingsError(f"SHOMEI_SECRET_SEAL_KEY entry {position}: needs a new id (letters, digits, _.-)")
        try:
            Fernet(key.encode())
        except ValueError:
            raise SettingsError(f"SHOMEI_SECRET_SEAL_KEY entry {position} ({key_id}) must be a Fernet key "
                                "(32 url-safe base64 bytes)") from None
        keys[key_id] = key
    return KeyRingSealer(keys, next(iter(keys)))


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
        Column("key_id", Text, nullable=False),  # the seal key that sealed the value (ADR 0021)
        Index("sealed_secrets_expires_at_idx", "expires_at"),
    )


class SqlSecretVault:
    """Values the notifier redeems by reference (the contracts' `secret_ref`): sealed at rest,
    the same on every redemption until they expire, then deleted."""

    def __init__(self, connection: Connection, sealer: Sealer, table: Table) -> None:
        self._c, self._sealer, self._t = connection, sealer, table

    def put(self, tenant_id: str, kind: str, value: str, expires_at: datetime) -> str:
        secret_ref = str(uuid.uuid4())
        key_id, sealed = self._sealer.seal(value)
        self._c.execute(self._t.insert().values(
            secret_ref=secret_ref, tenant_id=tenant_id, kind=kind, sealed_value=sealed, key_id=key_id,
            expires_at=expires_at))
        return secret_ref

    def redeem(self, secret_ref: str, now: datetime) -> RedeemedSecret | None:
        c = self._t.c
        row = self._c.execute(select(c.kind, c.sealed_value, c.key_id).where(
            (c.secret_ref == secret_ref) & (c.expires_at > now))).first()
        return None if row is None else RedeemedSecret(row.kind, self._sealer.unseal(row.key_id,
                                                                                     bytes(row.sealed_value)))

    def reseal(self) -> int:
        """Seal every value kept under another key than the current one again with the current
        key (before the old key is retired); returns how many were resealed."""
        c = self._t.c
        stale = self._c.execute(select(c.secret_ref, c.sealed_value, c.key_id)
                                .where(c.key_id != self._sealer.current_key_id).with_for_update()).all()
        for row in stale:
            key_id, sealed = self._sealer.seal(self._sealer.unseal(row.key_id, bytes(row.sealed_value)))
            self._c.execute(update(self._t).where(c.secret_ref == row.secret_ref)
                            .values(sealed_value=sealed, key_id=key_id))
        return len(stale)

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
