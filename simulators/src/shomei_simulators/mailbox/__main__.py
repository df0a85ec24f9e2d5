"""Command line entry point: ``shomei-mailbox``, or ``python -m`` this package."""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from werkzeug.serving import make_server

from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import Mailbox
from shomei_simulators.mailbox.web import create_app
from shomei_simulators.serving import port, stop_on_signals, url_host

DEFAULT_SMTP_PORT = 58025
DEFAULT_HTTP_PORT = 58026


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="shomei-mailbox",
        description="Keep every mail sent over SMTP; show it on a web page and API.",
    )
    # Defaults are strings so argparse runs them through type= too, which
    # rejects a malformed environment variable with a readable message.
    parser.add_argument("--smtp-host", default="127.0.0.1")
    parser.add_argument(
        "--smtp-port",
        type=port,
        default=os.environ.get("SHOMEI_MAILBOX_SMTP_PORT", str(DEFAULT_SMTP_PORT)),
        help="0 picks a free port (default: $SHOMEI_MAILBOX_SMTP_PORT or %(default)s)",
    )
    parser.add_argument("--http-host", default="127.0.0.1")
    parser.add_argument(
        "--http-port",
        type=port,
        default=os.environ.get("SHOMEI_MAILBOX_HTTP_PORT", str(DEFAULT_HTTP_PORT)),
        help="0 picks a free port (default: $SHOMEI_MAILBOX_HTTP_PORT or %(default)s)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=os.environ.get("SHOMEI_MAILBOX_DATA_DIR") or None,
        help="keep mails in DATA_DIR/messages.jsonl across restarts "
        "(default: $SHOMEI_MAILBOX_DATA_DIR, else memory only)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    mailbox = Mailbox(data_dir=args.data_dir)
    try:
        controller = start_smtp_server(mailbox, args.smtp_host, args.smtp_port)
    except OSError as error:
        print(f"shomei-mailbox: cannot listen for SMTP: {error}", file=sys.stderr)
        return 1
    try:
        try:
            http_server = make_server(
                args.http_host, args.http_port, create_app(mailbox), threaded=True
            )
        except OSError as error:
            print(f"shomei-mailbox: cannot listen for HTTP: {error}", file=sys.stderr)
            return 1
        # Flushed explicitly: scripts and tests read this line through a pipe.
        print(
            f"shomei-mailbox: SMTP on {url_host(args.smtp_host)}:{controller.port}, "
            f"web page at http://{url_host(args.http_host)}:{http_server.port}/",
            flush=True,
        )
        stop_on_signals(http_server)
        http_server.serve_forever()
    finally:
        stop_smtp_server(controller)
    return 0


if __name__ == "__main__":
    sys.exit(main())
