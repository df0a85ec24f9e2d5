"""`python -m shomei_devtools.new_service NAME [--into DIR] [--no-wire]`: a new service from the
skeleton of docs/new-service.md.

Writes DIR/NAME (DIR defaults to the repository's services/). Into services/ it also adds the
service to the Procfile, the Makefile, scripts/with-env and pyproject.toml's import-linter
contracts (idempotently; --no-wire prints those steps instead). Then it prints what is left.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shomei_devtools.new_service.names import Names
from shomei_devtools.new_service.render import render
from shomei_devtools.new_service.wiring import Outcome, layers_contract, procfile_lines, wire
from shomei_devtools.paths import project_root


def unwired(names: Names) -> list[str]:
    """The steps outside the folder, as instructions (a folder outside services/, or --no-wire)."""
    lines = "\n".join(f"    {line}" for line in procfile_lines(names))
    return [f"Procfile:\n{lines}\n  and `--service {names.name}=$SHOMEI_{names.env}_PORT` on the ready line.",
            f"Makefile: `export SHOMEI_{names.env}_PORT ?= <next free 581xx port>`; scripts/with-env: its default, "
            f"and `{names.name}` in the case that exports SHOMEI_DATABASE_URL.",
            f'pyproject.toml: "{names.package}" in root_packages and in each contract listing every service, and'
            f"{layers_contract(names)}"]


def report(names: Names, target: Path, outcome: Outcome | None) -> str:
    done = [f"wrote {target}"] + [f"added: {change}" for change in (outcome.changed if outcome else [])]
    todo = (outcome.manual if outcome else unwired(names)) + [
        "make install (installs the package editable); shomei-infra creates its database and topics at start",
        f"replace the example (Item, CreateItem, ItemCreated, the items table) with {names.name}'s domain",
        "python -m shomei_devtools.contracts write (its published events under docs/contracts/)",
        f"the consumer's Procfile line once it hears a topic: {names.name}-consumer: scripts/with-env {names.name} "
        f"python -m {names.package}.entrypoints.consumer",
    ]
    return "\n".join([*done, "still to do (docs/new-service.md):", *(f"- {step}" for step in todo)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shomei_devtools.new_service", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="lower case, digits and hyphens: ordering, print-gateway")
    parser.add_argument("--into", type=Path, help="the folder to write NAME/ into (default: services/)")
    parser.add_argument("--no-wire", action="store_true", help="print the steps outside the folder instead")
    arguments = parser.parse_args(argv)
    try:
        names = Names.of(arguments.name)
        root = project_root()
        into = (arguments.into or root / "services").resolve()
        target = render(names, into)
    except (ValueError, FileExistsError) as error:
        print(error, file=sys.stderr)
        return 2
    # Only a service in this repository's services/ belongs in its Procfile and contracts.
    outcome = None if arguments.no_wire or into != (root / "services").resolve() else wire(names, root)
    print(report(names, target, outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
