"""Secrets for a local run (`make run`, the e2e suite): random, made once per run directory.

`scripts/with-env SERVICE` evaluates `python -m shomei_devtools.dev_secrets SERVICE`, which prints
`export` lines for the secrets that service needs and that the caller's environment does not set
already. Each is generated on first use into its own file under `$SHOMEI_RUN_DIR/dev-secrets/`
(mode 0600, first writer wins: `paths.written_once`, as the trust kit and the Kafka passwords),
so every process of a run agrees on them (the web app seals what the consumer opens) and no key
is ever derived from a label in the source (ADR 0023).
"""

from __future__ import annotations

import base64
import os
import secrets
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path

from shomei_devtools.paths import written_once

FOLDER = "dev-secrets"

# Per service: environment variable -> the name of the value in the file (one value per name, so
# services that must agree share one name, and keys that must differ have their own).
NEEDS: dict[str, dict[str, str]] = {
    "identity": {"SHOMEI_INTERNAL_TOKEN": "internal_token", "SHOMEI_SECRET_SEAL_KEY": "identity_seal_key"},
    "enrollment": {"SHOMEI_INTERNAL_TOKEN": "internal_token", "SHOMEI_SECRET_SEAL_KEY": "enrollment_seal_key"},
    "notifier": {"SHOMEI_INTERNAL_TOKEN": "internal_token"},
    "gateway": {"SHOMEI_INTERNAL_TOKEN": "internal_token", "SHOMEI_SECRET_KEY": "gateway_secret_key"},
    "admin": {"SHOMEI_INTERNAL_TOKEN": "internal_token", "SHOMEI_SECRET_KEY": "admin_secret_key"},
    # The readiness banner runs identity's staff seeds (Procfile), which seal TOTP secrets.
    "ready": {"SHOMEI_SECRET_SEAL_KEY": "identity_seal_key"},
}


def fernet_key() -> str:
    """A Fernet key (32 random bytes, url-safe base64) without importing cryptography."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _fresh(name: str) -> str:
    return fernet_key() if name.endswith("_seal_key") else secrets.token_urlsafe(32)


def run_secret(run_dir: Path, name: str) -> str:
    """One secret of the run, made by whichever process of it asks first (honcho starts all
    processes at once)."""
    return written_once(run_dir / FOLDER / name, lambda: _fresh(name))


def exports(service: str, run_dir: Path, environ: Mapping[str, str]) -> list[str]:
    """Shell `export` lines for the service's secrets the environment leaves unset."""
    # A service the table does not know yet (a new one from the skeleton) gets the internal token.
    wanted = NEEDS.get(service, {"SHOMEI_INTERNAL_TOKEN": "internal_token"})
    needs = {var: name for var, name in wanted.items() if not environ.get(var)}
    if not needs:
        return []
    return [f"export {var}={shlex.quote(run_secret(run_dir, name))}" for var, name in needs.items()]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m shomei_devtools.dev_secrets SERVICE  (needs SHOMEI_RUN_DIR)")
    run_dir = os.environ.get("SHOMEI_RUN_DIR")
    if not run_dir:
        raise SystemExit("SHOMEI_RUN_DIR is not set")
    print("\n".join(exports(args[0], Path(run_dir), os.environ)))


if __name__ == "__main__":
    main()
