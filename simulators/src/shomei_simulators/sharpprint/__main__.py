"""``shomei-sharpprint``, or ``python -m shomei_simulators.sharpprint``."""

import argparse
import os
import sys
from collections.abc import Sequence

from flask import Flask

from shomei_simulators.sharpprint.web import create_app
from shomei_simulators.storeprint.cli import base_parser, serve
from shomei_simulators.storeprint.simulator import Settings

DEFAULT_PORT = 58041


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser(
        "shomei-sharpprint",
        "SHOMEI_SHARPPRINT",
        DEFAULT_PORT,
        "A Sharp network print (FamilyMart, Lawson) stand-in.",
    )
    parser.add_argument(
        "--username", default=os.environ.get("SHOMEI_SHARPPRINT_USERNAME", "shomei")
    )
    parser.add_argument(
        "--password",
        default=os.environ.get(
            "SHOMEI_SHARPPRINT_PASSWORD", "local-development-sharp-password"
        ),
        help="the basic-auth password (default: $SHOMEI_SHARPPRINT_PASSWORD)",
    )

    def build(args: argparse.Namespace, settings: Settings) -> Flask:
        return create_app(settings, username=args.username, password=args.password)

    return serve("shomei-sharpprint", parser, argv, build)


if __name__ == "__main__":
    sys.exit(main())
