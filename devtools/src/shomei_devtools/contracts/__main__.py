"""`python -m shomei_devtools.contracts write|check`.

    write   regenerate docs/contracts/ from the producers' registries; a version already
            committed is never rewritten (its change must be a new version)
    check   every rule of tests/contracts/: files up to date, published versions unchanged,
            old versions upcast, consumers read what producers publish; exit 1 on a problem
"""

from __future__ import annotations

import argparse
import sys

from shomei_devtools.contracts import build, checks
from shomei_devtools.contracts.discovery import discover
from shomei_devtools.contracts.documents import first_committed, read_contracts


def _write() -> int:
    services = discover()
    outcome = build.write(services, first_committed())
    for path in outcome.written:
        print(f"wrote docs/contracts/{path}")
    for path in outcome.refused:
        print(f"refused docs/contracts/{path}: it is committed (published); add a new version with an upcaster",
              file=sys.stderr)
    return 1 if outcome.refused else 0


def problems() -> list[str]:
    services = discover()
    on_disk = read_contracts()
    found = checks.stale(services, on_disk)
    committed = first_committed()
    if committed is not None:
        found += checks.rewritten(on_disk, committed)
    for producer in services.producers:
        found += checks.missing_upcasts(producer, on_disk)
    for consumer in services.consumers:
        found += checks.unreadable(consumer, on_disk)
    return found


def _check() -> int:
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    print(f"{len(found)} problem(s)" if found else "contracts hold")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shomei_devtools.contracts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["write", "check"])
    arguments = parser.parse_args(argv)
    return _write() if arguments.command == "write" else _check()


if __name__ == "__main__":
    sys.exit(main())
