"""Typed settings read from the environment in app factories and bootstraps, never at import.

They fail closed (ADR 0023): the environment is production unless development or test is chosen
explicitly, and outside those a secret that is missing or still a placeholder stops the process
at start rather than running with a guessable value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Self

PLACEHOLDERS = frozenset({"", "change-me", "changeme", "secret", "dev", "development", "shomei", "password"})
RELAXED_ENVIRONMENTS = frozenset({"development", "test"})


class SettingsError(ValueError):
    pass


def secret(default: str = "", *, required: bool = True) -> Any:
    """Mark a field as a secret: refused when missing or a placeholder outside development.

    An optional secret (`required=False`, e.g. a relay password used only with a user name) may
    be left empty, but a value that is set must not be a placeholder either."""
    return field(default=default, metadata={"secret": True, "required": required})


@dataclass(frozen=True)
class BaseSettings:
    """Subclass with typed fields; each field reads `<PREFIX><FIELD_NAME upper-cased>`.

    A service names itself in `service`; then `<PREFIX><SERVICE>_DATABASE_URL` wins over the
    shared `<PREFIX>DATABASE_URL`, so one environment can hold every service's database.
    """

    service: ClassVar[str] = ""
    # Fail closed: a process that was told nothing is a production process.
    environment: str = "production"
    database_url: str = "postgresql+psycopg://shomei:shomei@127.0.0.1:55432/postgres"
    kafka_bootstrap: str = "127.0.0.1:59092"
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, prefix: str = "SHOMEI_", env: Mapping[str, str] | None = None) -> Self:
        source = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = source.get(prefix + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, f.type)
        own_database = source.get(f"{prefix}{cls.service.upper()}_DATABASE_URL") if cls.service else None
        if own_database:
            values["database_url"] = own_database
        return cls(**values)

    def __post_init__(self) -> None:
        # Here rather than in from_env, so settings built in code fail closed the same way.
        self.check()

    @property
    def relaxed(self) -> bool:
        """Development or test, chosen explicitly: the only places weak secrets are tolerated."""
        return self.environment in RELAXED_ENVIRONMENTS

    def check(self) -> None:
        if self.relaxed:
            return
        weak = [f.name for f in fields(self) if f.metadata.get("secret") and _weak(f, getattr(self, f.name))]
        if weak:
            raise SettingsError(f"{self.environment}: set real values for {', '.join(sorted(weak))}")


def _weak(f: Any, value: object) -> bool:
    text = str(value).strip()
    if not text:
        return bool(f.metadata.get("required", True))
    return text.lower() in PLACEHOLDERS


def _convert(name: str, raw: str, annotation: Any) -> Any:
    kind = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "str")
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes"}
    except ValueError:
        raise SettingsError(f"{name}: cannot read {raw!r} as {kind}") from None
    return raw
