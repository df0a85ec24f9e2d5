"""Installing what the local infrastructure needs from Debian, when it is missing."""

from __future__ import annotations

import os
import shutil
import subprocess

_apt_updated = False


def apt_install(*packages: str) -> None:
    """Install Debian packages; only root can, so others get told what to run."""
    global _apt_updated
    if os.geteuid() != 0:
        raise RuntimeError(f"missing system packages; run: sudo apt-get install -y {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        _apt_updated = True
    print(f"installing {' '.join(packages)} from Debian", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env)


def ensure_command(command: str, package: str) -> str:
    found = shutil.which(command)
    if found is None:
        apt_install(package)
        found = shutil.which(command)
    if found is None:
        raise RuntimeError(f"{command} is still missing after installing {package}")
    return found


def run_as(user: str) -> dict[str, str]:
    """Popen arguments that drop root to `user`: PostgreSQL refuses to run as root.

    Popen switches user itself (no `runuser` in between), so our signals reach the server.
    """
    if os.geteuid() != 0:
        return {}
    return {"user": user, "group": user}
