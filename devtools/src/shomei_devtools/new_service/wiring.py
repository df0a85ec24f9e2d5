"""The lines outside services/NAME that a new service needs, added where that is safe.

Each step is idempotent (a second run changes nothing) and only ever inserts whole lines or
list items next to the existing services' own; a step whose anchor is not found is left to the
author as a printed instruction instead of guessed. pyproject.toml is re-read with tomllib
after the edit, and left untouched if it would no longer parse.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shomei_devtools.new_service.names import Names

# The service every list of services already names: the anchor for adding the new one.
ANCHOR = "shomei_identity"
FIRST_PORT = 58101  # identity's; web ports of services follow it


@dataclass
class Outcome:
    changed: list[str] = field(default_factory=list)  # "Procfile: added the web and relay lines"
    manual: list[str] = field(default_factory=list)  # what the author must still do by hand


def port_for(makefile: str, names: Names) -> int:
    """The service's existing port, or the next after the highest service port (581xx)."""
    own = re.search(rf"^export SHOMEI_{names.env}_PORT \?= (\d+)$", makefile, re.M)
    if own:
        return int(own.group(1))
    taken = [int(p) for p in re.findall(r"^export SHOMEI_\w+_PORT \?= (581\d\d)$", makefile, re.M)]
    return max(taken, default=FIRST_PORT - 1) + 1


def procfile_lines(names: Names) -> list[str]:
    # The consumer's line comes when it hears something (entrypoints/consumer.py): a process
    # that exits stops the whole `make run`.
    web = (f"{names.name}: scripts/with-env {names.name} sh -c 'python -m {names.package}.entrypoints.migrate && "
           f"exec gunicorn -w 1 --threads 8 -b 127.0.0.1:$SHOMEI_{names.env}_PORT "
           f"\"{names.package}.entrypoints.web:create_app()\"'")
    relay = (f"{names.name}-relay: scripts/with-env {names.name} "
             f"python -m shomei_shared.outbox.main --service {names.name}")
    return [web, relay]


def wire_makefile(text: str, names: Names, port: int, outcome: Outcome) -> str:
    line = f"export SHOMEI_{names.env}_PORT ?= {port}"
    if re.search(rf"^export SHOMEI_{names.env}_PORT ", text, re.M):
        return text
    ports = list(re.finditer(r"^export SHOMEI_\w+_PORT \?= 581\d\d\n", text, re.M))
    if not ports:
        outcome.manual.append(f"Makefile: add `{line}` beside the other service ports.")
        return text
    outcome.changed.append(f"Makefile: {line}")
    end = ports[-1].end()
    return text[:end] + line + "\n" + text[end:]


def wire_with_env(text: str, names: Names, port: int, outcome: Outcome) -> str:
    variable = f"SHOMEI_{names.env}_PORT"
    if variable not in text:
        # After the whole export statement: its continuation lines (ending in a backslash) too.
        anchor = re.search(r"^export SHOMEI_PG_PORT (?:.*\\\n)*.*\n", text, re.M)
        if anchor is None:
            outcome.manual.append(f"scripts/with-env: give {variable} a default ({port}) and export it.")
        else:
            line = f': "${{{variable}:={port}}}"; export {variable}\n'
            text = text[:anchor.end()] + line + text[anchor.end():]
            outcome.changed.append(f"scripts/with-env: {variable} defaults to {port}")
    # The database: SHOMEI_DATABASE_URL for the service's processes (a hyphenated name cannot be
    # part of an environment variable, so the per-service variable is not used).
    case = re.search(r"^(\s*)([\w|-]+)(\) export SHOMEI_DATABASE_URL=)", text, re.M)
    if case is None:
        outcome.manual.append(f"scripts/with-env: export SHOMEI_DATABASE_URL=.../{names.database} for {names.name}.")
    elif names.name not in case.group(2).split("|"):
        text = text[:case.end(2)] + f"|{names.name}" + text[case.end(2):]
        outcome.changed.append(f"scripts/with-env: {names.name}'s processes get SHOMEI_DATABASE_URL (database "
                               f"{names.database})")
    # Databases are named with `_` for `-` (shomei_devtools.config.database_name).
    if "-" in names.name and "${database}/${service}" in text:
        text = text.replace("${database}/${service}", "${database}/${service//-/_}")
        outcome.changed.append("scripts/with-env: database names use `_` for `-`")
    return text


def wire_procfile(text: str, names: Names, outcome: Outcome) -> str:
    for line in procfile_lines(names):
        process = line.split(":", 1)[0]
        if not re.search(rf"^{re.escape(process)}:", text, re.M):
            text = text.rstrip("\n") + "\n" + line + "\n"
            outcome.changed.append(f"Procfile: the {process} process")
    wait = f"--service {names.name}=$SHOMEI_{names.env}_PORT"
    # After the last service the ready line waits for (before its --seed options).
    ready = re.search(r"^ready: .*--service \S+", text, re.M)
    if ready is None:
        outcome.manual.append(f"Procfile: add `{wait}` to the ready line.")
    elif wait not in text:
        text = text[:ready.end()] + f" {wait}" + text[ready.end():]
        outcome.changed.append(f"Procfile: the ready line waits for {names.name}")
    return text


def layers_contract(names: Names) -> str:
    p = names.package
    return (f'\n[[tool.importlinter.contracts]]\nname = "{names.cls} layers"\ntype = "layers"\n'
            f'layers = ["{p}.entrypoints", "{p}.bootstrap", "{p}.adapters",\n'
            f'          "{p}.service_layer", "{p}.domain"]\n')


def _appending(item: str) -> Callable[[re.Match[str]], str]:
    """For re.sub on a one-line list missing its closing bracket: the list with `item` added."""

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if item in match.group(1) else f"{match.group(1)}, {item}]"

    return replace


def wire_pyproject(text: str, names: Names, outcome: Outcome) -> str:
    """Add the package to every one-line list of services (root packages, services never import
    each other, services never use devtools, domains stay pure) and append its layers."""
    edited = text
    # The lists of packages ("shomei_identity") and of domains ("shomei_identity.domain").
    for suffix in ("", ".domain"):
        item = f'"{names.package}{suffix}"'
        lists = re.compile(rf'^((?:root_packages|modules|source_modules) = \[[^\]\n]*"{ANCHOR}{re.escape(suffix)}"'
                           r'[^\]\n]*)\]', re.M)
        edited = lists.sub(_appending(item), edited)
    if f'name = "{names.cls} layers"' not in edited:
        edited = edited.rstrip("\n") + "\n" + layers_contract(names)
    if edited == text:
        return text
    try:
        tomllib.loads(edited)
    except tomllib.TOMLDecodeError as error:
        outcome.manual.append(f"pyproject.toml: add {names.package} to the import-linter lists by hand ({error}).")
        return text
    outcome.changed.append(f"pyproject.toml: {names.package} in the import-linter contracts, and its layers")
    return edited


def wire(names: Names, root: Path) -> Outcome:
    """Edit root's Makefile, scripts/with-env, Procfile and pyproject.toml for the service."""
    outcome = Outcome()
    makefile, with_env = root / "Makefile", root / "scripts" / "with-env"
    procfile, pyproject = root / "Procfile", root / "pyproject.toml"
    port = port_for(makefile.read_text(), names) if makefile.exists() else FIRST_PORT
    steps: list[tuple[Path, Callable[[str], str]]] = [
        (makefile, lambda t: wire_makefile(t, names, port, outcome)),
        (with_env, lambda t: wire_with_env(t, names, port, outcome)),
        (procfile, lambda t: wire_procfile(t, names, outcome)),
        (pyproject, lambda t: wire_pyproject(t, names, outcome))]
    for path, step in steps:
        if not path.exists():
            outcome.manual.append(f"{path.name}: not found under {root}; see docs/new-service.md.")
            continue
        before = path.read_text()
        after = step(before)
        if after != before:
            path.write_text(after)
    return outcome
