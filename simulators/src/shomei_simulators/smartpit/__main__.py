"""Command line entry point: ``shomei-smartpit``, or ``python -m`` this package."""

import argparse
import os
import sys
from collections.abc import Sequence

from flask import Flask

from shomei_simulators.serving import port, serve
from shomei_simulators.smartpit.app import SmartPitConfig, create_app

DEFAULT_PORT = 58031


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="shomei-smartpit",
                                     description="A Smart Pit stand-in: bills, a store-terminal page, signed notices.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=port, default=env("SHOMEI_SMARTPIT_PORT", str(DEFAULT_PORT)),
                        help="0 picks a free port (default: $SHOMEI_SMARTPIT_PORT or %(default)s)")
    parser.add_argument("--notice-url", default=env("SHOMEI_SMARTPIT_NOTICE_URL") or None,
                        help="where payment notices go (default: $SHOMEI_SMARTPIT_NOTICE_URL; none: only listed)")
    parser.add_argument("--merchant-code", default=env("SHOMEI_SMARTPIT_MERCHANT_CODE", SmartPitConfig.merchant_code))
    parser.add_argument("--retry-base-seconds", type=float, default=1.0,
                        help="first pause before a notice is sent again; each further pause doubles, at most 60 s")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def make_app(base_url: str) -> Flask:
        # Secrets come from the environment only: command lines show up in process lists.
        config = SmartPitConfig(
            api_key=os.environ.get("SHOMEI_SMARTPIT_API_KEY", SmartPitConfig.api_key),
            notice_secret=os.environ.get("SHOMEI_SMARTPIT_NOTICE_SECRET", SmartPitConfig.notice_secret),
            merchant_code=args.merchant_code, notice_url=args.notice_url,
            retry_base_seconds=args.retry_base_seconds,
        )
        return create_app(config)

    return serve("shomei-smartpit", args.host, args.port, make_app)


if __name__ == "__main__":
    sys.exit(main())
