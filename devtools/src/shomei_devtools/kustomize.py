"""kustomize for the offline validation of deploy/k8s (tests/deploy), built on first use.

No registry image or release download is reachable from our machines, but the Go module proxy
is: `go install sigs.k8s.io/kustomize/kustomize/v5@<VERSION>` builds the pinned version into
`.local/tools/kustomize-<VERSION>/` once; later runs use that binary. GOPROXY and the other Go
settings come from the environment, as for any Go build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from shomei_devtools.paths import local_dir

VERSION = "v5.8.1"
MODULE = "sigs.k8s.io/kustomize/kustomize/v5"
# Where Go is when it is not on PATH (the official archive's place).
GO_FALLBACK = Path("/usr/local/go/bin/go")


class KustomizeError(RuntimeError):
    pass


def _go() -> str:
    found = shutil.which("go") or (str(GO_FALLBACK) if GO_FALLBACK.exists() else None)
    if found is None:
        raise KustomizeError(f"building kustomize {VERSION} needs the go command (Go 1.22 or newer) on PATH")
    return found


def ensure_kustomize(tools: Path | None = None) -> Path:
    """The pinned kustomize binary, built with `go install` the first time."""
    folder = (tools or local_dir() / "tools") / f"kustomize-{VERSION}"
    binary = folder / "kustomize"
    if binary.exists():
        return binary
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOBIN": str(folder), "GOFLAGS": "-mod=mod"}
    result = subprocess.run([_go(), "install", f"{MODULE}@{VERSION}"], env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0 or not binary.exists():
        raise KustomizeError(f"go install {MODULE}@{VERSION} failed:\n{result.stderr[-4000:]}")
    return binary


def build(directory: Path) -> str:
    """`kustomize build DIRECTORY`: the manifests as one YAML stream."""
    result = subprocess.run([str(ensure_kustomize()), "build", str(directory)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise KustomizeError(f"kustomize build {directory} failed:\n{result.stderr}")
    return result.stdout
