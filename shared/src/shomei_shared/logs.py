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

# Values of these keys are masked wherever they appear in a message: `password=...`, JSON, URLs.
_SECRET_KEYS = r"password|passwd|secret|token|otp|session|second_password|initial_password|authorization"
_SECRET_PATTERN = re.compile(
    rf"""(?ix)
    ( ["']?\b[\w-]*(?:{_SECRET_KEYS})[\w-]*\b["']? \s* [:=] \s* ["']? )   # key and separator
    ( [^"'\s,&;}}]+ )                                                       # the value
    """
)
REDACTED = "[REDACTED]"


def redact(text: str) -> str:
    return _SECRET_PATTERN.sub(lambda m: m.group(1) + REDACTED, text)


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
        JsonFormatter(
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
