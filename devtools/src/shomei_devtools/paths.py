"""Where local infrastructure keeps its files."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
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


def written_once(path: Path, make: Callable[[], str]) -> str:
    """The content of `path`, written (mode 0600) with `make()` by whichever process asks first.

    Every process of a run asks at start, at once (honcho): each writes a draft of its own and
    links it into place, which is atomic and refuses to replace, so the first writer wins and
    the rest read what it wrote."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(make())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text()
