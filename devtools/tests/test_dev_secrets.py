from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from cryptography.fernet import Fernet

from shomei_devtools.dev_secrets import exports
from shomei_devtools.paths import project_root


def _env_of(lines: list[str]) -> dict[str, str]:
    script = "\n".join(lines) + "\nenv"
    out = subprocess.run(["bash", "-c", script], env={"PATH": os.environ["PATH"]}, check=True,
                         capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if line.startswith("SHOMEI_"))


def test_secrets_are_random_per_run_directory_and_stable_within_one(tmp_path: Path) -> None:
    first = _env_of(exports("identity", tmp_path / "a", {}))
    again = _env_of(exports("identity", tmp_path / "a", {}))
    other = _env_of(exports("identity", tmp_path / "b", {}))
    assert first == again
    assert first["SHOMEI_SECRET_SEAL_KEY"] != other["SHOMEI_SECRET_SEAL_KEY"]
    assert first["SHOMEI_INTERNAL_TOKEN"] != other["SHOMEI_INTERNAL_TOKEN"]
    Fernet(first["SHOMEI_SECRET_SEAL_KEY"].encode())  # a usable key, not a label
    assert stat.S_IMODE((tmp_path / "a" / "dev-secrets" / "identity_seal_key").stat().st_mode) == 0o600


def test_services_share_what_they_must_and_nothing_else(tmp_path: Path) -> None:
    gateway = _env_of(exports("gateway", tmp_path, {}))
    admin = _env_of(exports("admin", tmp_path, {}))
    identity = _env_of(exports("identity", tmp_path, {}))
    enrollment = _env_of(exports("enrollment", tmp_path, {}))
    assert gateway["SHOMEI_INTERNAL_TOKEN"] == admin["SHOMEI_INTERNAL_TOKEN"] == identity["SHOMEI_INTERNAL_TOKEN"]
    assert gateway["SHOMEI_SECRET_KEY"] != admin["SHOMEI_SECRET_KEY"]
    assert identity["SHOMEI_SECRET_SEAL_KEY"] != enrollment["SHOMEI_SECRET_SEAL_KEY"]
    # The staff seeds run in the readiness banner's environment and seal with identity's key.
    assert _env_of(exports("ready", tmp_path, {}))["SHOMEI_SECRET_SEAL_KEY"] == identity["SHOMEI_SECRET_SEAL_KEY"]


def test_a_value_the_caller_sets_is_kept(tmp_path: Path) -> None:
    assert exports("notifier", tmp_path, {"SHOMEI_INTERNAL_TOKEN": "given-by-the-test"}) == []


def test_with_env_derives_no_secret_from_a_label() -> None:
    script = (project_root() / "scripts" / "with-env").read_text()
    assert "local-development" not in script
    assert "shomei_devtools.dev_secrets" in script
