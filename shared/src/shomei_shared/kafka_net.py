"""A cheap probe of the broker's port: asking a client library instead costs its whole bootstrap
timeout, and logs every refused connection, when the broker is simply not there."""

from __future__ import annotations

import socket


def broker_listening(bootstrap: str, timeout_s: float = 1.0) -> bool:
    """Whether the first bootstrap address accepts a TCP connection."""
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout_s):
            return True
    except (OSError, ValueError):
        return False
