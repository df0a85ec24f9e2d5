"""Where local infrastructure keeps its files."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository root: the nearest parent holding the Makefile and infra/."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "Makefile").exists() and (parent / "infra").is_dir():
            return parent
    return Path.cwd()


def local_dir() -> Path:
    """Project-local state (databases, broker logs); never committed."""
    return Path(os.environ.get("SHOMEI_LOCAL_DIR", project_root() / ".local"))


def cache_dir() -> Path:
    """Downloads that survive between runs and clones (the Kafka classpath)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "shomei"
    return Path(os.environ.get("SHOMEI_CACHE_DIR", default))
