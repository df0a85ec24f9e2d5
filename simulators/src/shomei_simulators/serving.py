"""Running a simulator's web app from the command line: ports, signals, the start-up line."""

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server


def port(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range: {value}")
    return number


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def stop_on_signals(server: BaseWSGIServer) -> None:
    def request_shutdown(signum: int, frame: FrameType | None) -> None:
        # shutdown() blocks until serve_forever() returns, and serve_forever()
        # runs on this very thread, so it has to be called from another one.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGINT, request_shutdown)
    signal.signal(signal.SIGTERM, request_shutdown)


def serve(
    name: str, host: str, port_number: int, make_app: Callable[[str], Flask],
    cleanup: Callable[[], None] | None = None,
) -> int:
    """Bind, build the app knowing its own address (port 0 included), serve until a signal."""
    # Bound before the app exists: links, the certificate URL and webhooks carry the real port.
    try:
        server = make_server(host, port_number, Flask(name), threaded=True)
    except OSError as error:
        print(f"{name}: cannot listen for HTTP: {error}", file=sys.stderr)
        return 1
    base_url = f"http://{url_host(host)}:{server.port}"
    server.app = make_app(base_url)
    # Flushed explicitly: scripts and tests read this line through a pipe.
    print(f"{name}: listening on {base_url}/", flush=True)
    stop_on_signals(server)
    try:
        server.serve_forever()
    finally:
        if cleanup is not None:
            cleanup()
    return 0
