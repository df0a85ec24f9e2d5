"""Reading tenants' profiles (name, look, texts, contact) from enrollment, which owns them.

The gateway, the console and the notifier all read them, on nearly every page or mail, and they
change seldom: answers are kept for a short time (`ttl_s`), so a tenant admin's change shows
within that time everywhere without each page costing a call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from shomei_shared.web.client import InternalClient, ServiceError
from shomei_shared.web.paths import url_path


@dataclass(frozen=True)
class Closure:
    first_day: str  # ISO dates, Asia/Tokyo calendar days
    last_day: str
    label: str


@dataclass(frozen=True)
class TenantProfile:
    tenant_id: str
    name_ja: str
    name_en: str
    accent: str  # "#rrggbb": header and buttons
    accent_ink: str  # "#rrggbb": text on the accent
    contact_email: str
    terms_ja: str = ""
    terms_en: str = ""
    notes_ja: str = ""
    notes_en: str = ""
    logo_version: int = 0  # 0: no logo; else changes with each new logo (cache busting)
    closures: tuple[Closure, ...] = ()

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_ja

    def terms(self, language: str) -> str:
        return self.terms_en if language == "en" and self.terms_en else self.terms_ja

    def notes(self, language: str) -> str:
        return self.notes_en if language == "en" and self.notes_en else self.notes_ja

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> TenantProfile:
        closures = tuple(Closure(c["first_day"], c["last_day"], c.get("label", "")) for c in body.get("closures", []))
        return cls(body["tenant_id"], body["name_ja"], body["name_en"], body["accent"], body["accent_ink"],
                   body["contact_email"], body.get("terms_ja", ""), body.get("terms_en", ""),
                   body.get("notes_ja", ""), body.get("notes_en", ""), int(body.get("logo_version", 0)),
                   closures)


class TenantProfiles(Protocol):
    def get(self, tenant_id: str) -> TenantProfile | None: ...
    def all(self) -> list[TenantProfile]: ...
    def logo(self, tenant_id: str) -> tuple[bytes, str] | None: ...


MAX_KEPT = 1000
T = TypeVar("T")


class _Expiring:
    """A value per key, kept `ttl_s` seconds; thread-safe for gunicorn's threads."""

    def __init__(self, ttl_s: float, clock: Callable[[], float]) -> None:
        self._ttl_s, self._clock = ttl_s, clock
        self._values: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, load: Callable[[], T]) -> T:
        now = self._clock()
        with self._lock:
            found = self._values.get(key)
        if found is not None and now - found[0] < self._ttl_s:
            return cast(T, found[1])
        value = load()
        with self._lock:
            if len(self._values) >= MAX_KEPT:  # made-up tenant names in URLs must not grow it forever
                self._values.clear()
            self._values[key] = (now, value)
        return value


class HttpTenantProfiles:
    def __init__(self, client: InternalClient, ttl_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._cache = _Expiring(ttl_s, clock)

    def get(self, tenant_id: str) -> TenantProfile | None:
        return self._cache.get(f"profile:{tenant_id}", lambda: self._load(tenant_id))

    def all(self) -> list[TenantProfile]:
        def load() -> list[TenantProfile]:
            found = self._client.call("GET", "/internal/tenants")
            return [TenantProfile.from_json(item) for item in found["tenants"]]

        return self._cache.get("all", load)

    def logo(self, tenant_id: str) -> tuple[bytes, str] | None:
        def load() -> tuple[bytes, str] | None:
            try:
                content, content_type = self._client.call("GET", url_path("/internal/tenants/{}/logo", tenant_id))
            except ServiceError as error:
                if error.status == 404:
                    return None
                raise
            return bytes(content), str(content_type)

        return self._cache.get(f"logo:{tenant_id}", load)

    def _load(self, tenant_id: str) -> TenantProfile | None:
        try:
            found = self._client.call("GET", url_path("/internal/tenants/{}/profile", tenant_id))
            return TenantProfile.from_json(found)
        except ServiceError as error:
            if error.status == 404:
                return None
            raise


class StaticTenantProfiles:
    """Fixed profiles: tests, and tools that run without enrollment."""

    def __init__(self, *profiles: TenantProfile, logos: dict[str, tuple[bytes, str]] | None = None) -> None:
        self.profiles = {p.tenant_id: p for p in profiles}
        self.logos = dict(logos or {})

    def get(self, tenant_id: str) -> TenantProfile | None:
        return self.profiles.get(tenant_id)

    def all(self) -> list[TenantProfile]:
        return sorted(self.profiles.values(), key=lambda p: p.tenant_id)

    def logo(self, tenant_id: str) -> tuple[bytes, str] | None:
        return self.logos.get(tenant_id)
