"""Writing a service folder from the templates (package data under shomei_devtools/skeleton)."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from shomei_devtools.new_service.names import Names

SUFFIX = ".tmpl"


def templates() -> Traversable:
    return files("shomei_devtools").joinpath("skeleton")


def _walk(folder: Traversable, relative: Path) -> list[tuple[Path, Traversable]]:
    found: list[tuple[Path, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name != "__pycache__":
                found += _walk(entry, relative / entry.name)
        elif entry.name.endswith(SUFFIX):
            found.append((relative / entry.name.removesuffix(SUFFIX), entry))
    return found


def target_path(relative: Path, names: Names) -> Path:
    # Folder and file names hold placeholders as __package__ / __database__ (a `$` in a
    # package-data path would be awkward on every platform).
    text = relative.as_posix().replace("__package__", names.package).replace("__database__", names.database)
    return Path(text)


def render(names: Names, into: Path) -> Path:
    """Write services/NAME (into/NAME) and return it; refuses to write over an existing folder."""
    target = into / names.name
    if target.exists():
        raise FileExistsError(f"{target} exists: the skeleton is only a start, never re-applied")
    substitutions = names.substitutions()
    for relative, template in _walk(templates(), Path()):
        path = target / target_path(relative, names)
        path.parent.mkdir(parents=True, exist_ok=True)
        # substitute, not safe_substitute: a misspelt placeholder fails here, not in the service.
        path.write_text(Template(template.read_text(encoding="utf-8")).substitute(substitutions), encoding="utf-8")
    sort_imports(target)
    return target


def sort_imports(folder: Path) -> None:
    """The package's name sorts before or after shomei_shared depending on the service's name,
    so the templates' imports are put in order by ruff (the project's own rule set)."""
    # The repository's settings for the rule (pyproject.toml), given inline so that a folder
    # outside the repository (a test's) is sorted the same way.
    subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "--fix", "--select", "I", "--exit-zero",
                    "--config", "line-length = 120", "--config", "lint.isort.known-first-party = ['shomei_*']",
                    str(folder)], check=True)
