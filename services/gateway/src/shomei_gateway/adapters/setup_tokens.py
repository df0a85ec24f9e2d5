"""Where the first login's setup token waits between the login and the passwords screen:
server-side, under an opaque handle that is all the browser holds. Flask's session cookie is
signed, not encrypted, so a token kept there could be read out of the cookie (ADR 0022)."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

import redis

# Identity's setup token lives 15 minutes (ADR 0006); keeping it longer would only keep a dead token.
SETUP_TTL_S = 15 * 60


def new_handle() -> str:
    return secrets.token_urlsafe(32)


class RedisSetupTokens:
    """Shared by every worker and replica: the two screens may be served by different ones."""

    def __init__(self, client: redis.Redis, ttl_s: int = SETUP_TTL_S) -> None:
        self._client = client
        self._ttl_s = ttl_s

    @classmethod
    def from_url(cls, url: str) -> RedisSetupTokens:
        return cls(redis.Redis.from_url(url, socket_timeout=5))

    def keep(self, token: str) -> str:
        handle = new_handle()
        self._client.set(_key(handle), token, ex=self._ttl_s)
        return handle

    def find(self, handle: str) -> str | None:
        found = self._client.get(_key(handle))
        return found.decode() if isinstance(found, bytes) else None

    def forget(self, handle: str) -> None:
        self._client.delete(_key(handle))


class InProcessSetupTokens:
    """Development and tests only (settings refuse it elsewhere): one process's memory."""

    def __init__(self, ttl_s: int = SETUP_TTL_S) -> None:
        self._ttl_s = ttl_s
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def keep(self, token: str) -> str:
        handle = new_handle()
        with self._lock:
            now = time.monotonic()
            self._tokens = {key: kept for key, kept in self._tokens.items() if kept[1] > now}
            self._tokens[_key(handle)] = (token, now + self._ttl_s)
        return handle

    def find(self, handle: str) -> str | None:
        with self._lock:
            kept = self._tokens.get(_key(handle))
        return kept[0] if kept is not None and kept[1] > time.monotonic() else None

    def forget(self, handle: str) -> None:
        with self._lock:
            self._tokens.pop(_key(handle), None)


def _key(handle: str) -> str:
    # Only a digest of the handle is stored: the store's contents alone never open the browser's flow.
    return "shomei:gateway:first-login:" + hashlib.sha256(handle.encode()).hexdigest()
