"""deploy/k8s, built offline: each overlay through the pinned kustomize (shomei_devtools.kustomize)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from shomei_devtools.kustomize import build
from shomei_devtools.paths import project_root

OVERLAYS = ("dev", "prod")
Manifest = dict[str, Any]


def deploy_dir() -> Path:
    return project_root() / "deploy" / "k8s"


@pytest.fixture(scope="session")
def built() -> dict[str, list[Manifest]]:
    """Every overlay's objects, built once per session."""
    found = {}
    for overlay in OVERLAYS:
        stream = build(deploy_dir() / "overlays" / overlay)
        found[overlay] = [item for item in yaml.safe_load_all(stream) if item]
    return found


@pytest.fixture(scope="session")
def prod(built: dict[str, list[Manifest]]) -> list[Manifest]:
    return built["prod"]
