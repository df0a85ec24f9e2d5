"""For tests that talk to a simulator over real HTTP: serve it on a free port, receive its webhooks.

The simulators' own tests use these, and so can the payment service's: serve ``create_app(...)``
of either simulator in a thread, point it at a ``Receiver`` (or at the service), and wait.
"""

import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

HOST = "127.0.0.1"
T = TypeVar("T")


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return next(v for k, v in self.headers.items() if k.lower() == name.lower())


@dataclass
class Receiver:
    """A merchant's endpoint: records every request; answers the queued statuses first, then 200."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        with self.lock:
            self.received.append(Received(dict(request.headers), request.get_data()))
            status = self.statuses.pop(0) if self.statuses else 200
        return Response("ok" if status < 300 else "no", status=status)(environ, start_response)

    def all(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def bodies(self) -> list[bytes]:
        return [r.body for r in self.all()]


class Served:
    """A WSGI app on a free loopback port, in a thread, until ``stop()``."""

    def __init__(self, app: Any) -> None:
        self.server: BaseWSGIServer = make_server(HOST, 0, app, threaded=True)
        self.url = f"http://{HOST}:{self.server.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        app = self.server.app
        if isinstance(app, Flask):
            for simulator in app.extensions.values():
                deliverer = getattr(simulator, "deliverer", None)
                if deliverer is not None:
                    deliverer.stop()


def wait_for(condition: Callable[[], T], deadline_seconds: float = 30) -> T:
    """Poll until the condition's value is truthy and return it; the deadline only stops a broken run hanging."""
    deadline = time.monotonic() + deadline_seconds
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("condition never held")
        time.sleep(0.02)
    return value


@contextmanager
def started(argv: list[str], stderr_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Run a simulator's command; yield it with its first line of output; kill it if still running after."""
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stdout is not None
        # readline() returns at the line or at exit; pytest-timeout ends a run that gets neither.
        yield process, process.stdout.readline()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
