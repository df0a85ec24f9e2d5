"""Command line entry point: ``shomei-paypal``, or ``python -m`` this package."""

import argparse
import os
import sys
from collections.abc import Sequence

from flask import Flask

from shomei_simulators.paypal.app import PayPalConfig, create_app
from shomei_simulators.serving import port, serve

DEFAULT_PORT = 58030


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(
        prog="shomei-paypal", description="A PayPal stand-in: Orders v2, approval page, signed webhooks."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=port, default=env("SHOMEI_PAYPAL_PORT", str(DEFAULT_PORT)),
                        help="0 picks a free port (default: $SHOMEI_PAYPAL_PORT or %(default)s)")
    parser.add_argument("--webhook-url", default=env("SHOMEI_PAYPAL_WEBHOOK_URL") or None,
                        help="where webhooks go (default: $SHOMEI_PAYPAL_WEBHOOK_URL; none: events are only listed)")
    parser.add_argument("--webhook-id", default=env("SHOMEI_PAYPAL_WEBHOOK_ID", PayPalConfig.webhook_id))
    parser.add_argument("--client-id", default=env("SHOMEI_PAYPAL_CLIENT_ID", PayPalConfig.client_id))
    parser.add_argument("--public-base-url", default=env("SHOMEI_PAYPAL_PUBLIC_BASE_URL") or None,
                        help="the address others reach this simulator at (default: http://HOST:PORT)")
    parser.add_argument("--retry-base-seconds", type=float, default=1.0,
                        help="first pause before a webhook is sent again; each further pause doubles, at most 60 s")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def make_app(base_url: str) -> Flask:
        # The secret comes from the environment only: command lines show up in process lists.
        config = PayPalConfig(
            client_id=args.client_id,
            client_secret=os.environ.get("SHOMEI_PAYPAL_CLIENT_SECRET", PayPalConfig.client_secret),
            webhook_id=args.webhook_id, webhook_url=args.webhook_url,
            public_base_url=args.public_base_url or base_url, retry_base_seconds=args.retry_base_seconds,
        )
        return create_app(config)

    return serve("shomei-paypal", args.host, args.port, make_app)


if __name__ == "__main__":
    sys.exit(main())
