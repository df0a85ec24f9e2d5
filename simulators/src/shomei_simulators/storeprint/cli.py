"""The command line both simulators share: where to listen, keep files, call back."""

import argparse
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from shomei_simulators.storeprint.simulator import Settings


def _port(value: str) -> int:
    port = int(value)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range: {value}")
    return port


def base_parser(
    prog: str, env: str, default_port: int, description: str
) -> argparse.ArgumentParser:
    """Options read ``env``-prefixed variables, e.g. SHOMEI_NETPRINT_PORT."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port",
        type=_port,
        default=os.environ.get(f"{env}_PORT", str(default_port)),
        help=f"0 picks a free port (default: ${env}_PORT or %(default)s)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=os.environ.get(f"{env}_DATA_DIR") or None,
        help=f"where uploaded PDFs are kept (default: ${env}_DATA_DIR, else temporary)",
    )
    parser.add_argument(
        "--callback-url",
        default=os.environ.get(f"{env}_CALLBACK_URL") or None,
        help=f"POST a signed notice here on each print (default: ${env}_CALLBACK_URL)",
    )
    parser.add_argument(
        "--callback-secret",
        default=os.environ.get(
            f"{env}_CALLBACK_SECRET", "local-development-callback-secret"
        ),
        help=f"HMAC-SHA256 key of the callbacks (default: ${env}_CALLBACK_SECRET)",
    )
    parser.add_argument(
        "--price-monochrome", type=int, default=20, help="yen per A4 page"
    )
    parser.add_argument("--price-color", type=int, default=60, help="yen per A4 page")
    return parser


def settings_from(args: argparse.Namespace, prog: str) -> Settings:
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix=f"{prog}-"))
    return Settings(
        data_dir=data_dir,
        callback_url=args.callback_url,
        callback_secret=args.callback_secret,
        price_monochrome_yen=args.price_monochrome,
        price_color_yen=args.price_color,
    )


def _stop_on_signals(server: BaseWSGIServer) -> None:
    def request_shutdown(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever(), which runs on this very thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGINT, request_shutdown)
    signal.signal(signal.SIGTERM, request_shutdown)


def serve(
    prog: str,
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    build: Callable[[argparse.Namespace, Settings], Flask],
) -> int:
    args = parser.parse_args(argv)
    app = build(args, settings_from(args, prog))
    try:
        server = make_server(args.host, args.port, app, threaded=True)
    except OSError as error:
        print(f"{prog}: cannot listen: {error}", file=sys.stderr)
        return 1
    host = f"[{args.host}]" if ":" in args.host else args.host
    # Flushed: scripts and tests read this line through a pipe. No secret in it.
    print(
        f"{prog}: http://{host}:{server.port}/ (machine page at /machine/)", flush=True
    )
    _stop_on_signals(server)
    server.serve_forever()
    return 0
