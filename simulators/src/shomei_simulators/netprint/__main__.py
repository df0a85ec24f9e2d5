"""``shomei-netprint``, or ``python -m shomei_simulators.netprint``."""

import argparse
import os
import sys
from collections.abc import Sequence

from flask import Flask

from shomei_simulators.netprint.web import create_app
from shomei_simulators.storeprint.cli import base_parser, serve
from shomei_simulators.storeprint.simulator import Settings

DEFAULT_PORT = 58040


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser(
        "shomei-netprint",
        "SHOMEI_NETPRINT",
        DEFAULT_PORT,
        "A netprint (7-Eleven) stand-in.",
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get(
            "SHOMEI_NETPRINT_API_KEY", "local-development-netprint-key"
        ),
        help="the X-Api-Key callers must send (default: $SHOMEI_NETPRINT_API_KEY)",
    )

    def build(args: argparse.Namespace, settings: Settings) -> Flask:
        return create_app(settings, api_key=args.api_key)

    return serve("shomei-netprint", parser, argv, build)


if __name__ == "__main__":
    sys.exit(main())
