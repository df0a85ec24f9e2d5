"""JSON logs with correlation ids, and a last line of defence against secrets in logs."""

from __future__ import annotations

import contextvars
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pythonjsonlogger.json import JsonFormatter

_correlation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("correlation_id", default=None)

# Values of these keys are masked wherever they appear: `password=...`, JSON, URLs, reprs, extras.
_SECRET_KEYS = r"password|passwd|secret|token|otp|session|second_password|initial_password|authorization|cookie"
_SECRET_NAME = re.compile(rf"(?i)(?:{_SECRET_KEYS})")
_SECRET_PATTERN = re.compile(
    rf"""(?ix)
    (?P<key> ["']?\b[\w-]*(?:{_SECRET_KEYS})[\w-]*\b["']? \s* [:=] \s* )
    (?P<value>
        "(?:[^"\\]|\\.)*"                                  # a double-quoted value, spaces and all
      | '(?:[^'\\]|\\.)*'                                  # a single-quoted one
      | (?:bearer|basic|token)\s+[^\s"',;&}}]+             # an authorization scheme and its credential
      | [^\s"'&}}][^"'&\n}}]*?(?=\s*(?:&|$|\n|[}}"']|,\s*["']?[\w-]+["']?\s*[:=])) # unquoted: up to the next field
    )
    """
)
# Credentials recognisable without a key in front of them.
_STANDALONE = re.compile(
    r"""(?ix)
    (?P<scheme>\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}       # Authorization: Bearer <token>
    | \$argon2(?:id|i|d)\$[^\s"']+                      # an argon2 hash, commas and all
    """
)
REDACTED = "[REDACTED]"


def _mask_value(match: re.Match[str]) -> str:
    value = match.group("value")
    if value[:1] in {'"', "'"}:
        return match.group("key") + value[0] + REDACTED + value[0]
    return match.group("key") + REDACTED


def redact(text: str) -> str:
    text = _SECRET_PATTERN.sub(_mask_value, text)
    return _STANDALONE.sub(lambda m: (m.group("scheme") or "") + REDACTED, text)


def _redact_fields(value: Any, key: str = "") -> Any:
    """A structured log field: a secret-named key hides its whole value; text is scrubbed."""
    if key and _SECRET_NAME.search(key) and value not in (None, ""):
        return REDACTED
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_fields(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_fields(v) for v in value]
    return value


class _RedactingJsonFormatter(JsonFormatter):
    """Scrubs the whole record as it will be written: message, traceback, stack, `extra=` fields."""

    def process_log_record(self, log_record: dict[str, Any]) -> dict[str, Any]:
        return {k: _redact_fields(v, k) for k, v in super().process_log_record(log_record).items()}


@contextmanager
def correlation(correlation_id: str | None) -> Iterator[None]:
    """Every log line inside carries this correlation id."""
    token = _correlation_id.set(correlation_id)
    try:
        yield
    finally:
        _correlation_id.reset(token)


def current_correlation_id() -> str | None:
    return _correlation_id.get()


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self._service
        record.correlation_id = _correlation_id.get()
        # Render and scrub here, so no formatter can print the raw arguments later.
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def configure_logging(service: str, level: str = "INFO", stream: Any = None) -> None:
    """Call once from an app factory or process bootstrap (never at import)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        _RedactingJsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(correlation_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            timestamp=False,
        )
    )
    handler.addFilter(_ContextFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("kafka").setLevel("WARNING")
