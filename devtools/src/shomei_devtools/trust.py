"""Fresh service credentials and assertion keys for a local run and for tests (ADR 0019).

Nothing here derives a secret from a name: every secret and key is generated, per `make run`
directory (`python -m shomei_devtools.trust RUN_DIR SERVICE` prints the service's variables for
`scripts/with-env`) and per test session (`session_trust()`).
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException

from shomei_devtools.paths import written_once
from shomei_shared.web.assertions import ASSERTION_HEADER, Actor, AssertionSigner, new_signing_key, public_jwks
from shomei_shared.web.trust import ANY_SERVICE, MONITOR, Declaration, declaration_of, format_verifiers, verifier_of

# The services that call others (print-gateway: enrollment's academic records, issue 10).
SERVICES = ("identity", "enrollment", "notifier", "gateway", "admin", "print-gateway")
# Holders of a credential that are not services: the operators' scraper of readiness and metrics.
CALLERS = (*SERVICES, MONITOR)


@dataclass(frozen=True)
class TrustKit:
    """Every service's secret and identity's key ring, with what each service's settings need."""

    secrets: dict[str, str]
    signing_keys: str
    retired: dict[str, str] = field(default_factory=dict)  # a caller's old secret, still accepted

    def callers(self) -> str:
        verifiers = {name: [verifier_of(secret)] for name, secret in self.secrets.items()}
        for name, old in self.retired.items():
            verifiers.setdefault(name, []).append(verifier_of(old))
        return format_verifiers(verifiers)

    def settings(self, service: str) -> dict[str, str]:
        """Keyword arguments for a service's settings (`IdentitySettings(..., **kit.settings("identity"))`)."""
        values = {"service_secret": self.secrets.get(service, secrets.token_urlsafe(32)),
                  "callers": self.callers(), "assertion_keys": public_jwks(self.signing_keys)}
        if service == "identity":
            values["assertion_signing_keys"] = self.signing_keys
        return values

    def env(self, service: str) -> dict[str, str]:
        return {f"SHOMEI_{name.upper()}": value for name, value in self.settings(service).items()}

    def credential(self, service: str) -> str:
        return f"{service}.{self.secrets[service]}"

    def headers(self, service: str, actor: Actor | None = None) -> dict[str, str]:
        """What `service` sends: its credential and, when a person acts, identity's assertion."""
        found = {"Authorization": f"Bearer {self.credential(service)}"}
        if actor is not None:
            found[ASSERTION_HEADER] = self.assertion(actor)
        return found

    def assertion(self, actor: Actor) -> str:
        return AssertionSigner(self.signing_keys).issue(actor)

    def headers_for(self, app: Flask, method: str, path: str, tenant: str = "demo-univ") -> dict[str, str]:
        """What a rightful caller of `method path` sends (path templates such as `{id}` allowed):
        a declared caller's credential and, when a person acts, an assertion with the role asked."""
        declaration = declaration_at(app, method, path)
        if declaration is None:
            return {}
        caller = sorted(declaration.callers - {ANY_SERVICE}) or ["admin"]
        actor = None
        if declaration.acting == "graduate":
            actor = Actor(tenant, "account-1", "graduate")
        elif declaration.acting == "staff":
            actor = Actor(tenant, "staff-1", "staff", (declaration.role or "reviewer",))
        return self.headers(caller[0], actor)


def assert_monitoring_is_not_public(client: FlaskClient, service: str) -> int:
    """`/healthz` answers anyone; `/readyz` anyone a bare yes or no and the monitor its details
    (ADR 0040); `/metrics` only the monitor, not even another service. Returns how many refusals
    it saw (for the trust walk's count)."""
    kit = session_trust()
    assert client.get("/healthz").status_code == 200
    bare = client.get("/readyz")
    assert bare.status_code in {200, 503} and set(bare.json or {}) == {"status"}
    detailed = client.get("/readyz", headers=kit.headers(MONITOR))
    assert detailed.status_code in {200, 503} and "checks" in (detailed.json or {})
    assert client.get("/readyz", headers=kit.headers(service)).status_code == 403
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers=kit.headers(service)).status_code == 403
    assert client.get("/metrics", headers=kit.headers(MONITOR)).status_code == 200
    return 3


def declaration_at(app: Flask, method: str, path: str) -> Declaration | None:
    """The declaration of the view that serves `method path` (an OpenAPI path template)."""
    concrete = re.sub(r"\{[^}]+\}", "x", path)
    try:
        endpoint, _ = app.url_map.bind("localhost").match(concrete, method.upper())
    except HTTPException:
        return None
    return declaration_of(app.view_functions[endpoint])


def new_trust_kit(services: Sequence[str] = CALLERS) -> TrustKit:
    return TrustKit({name: secrets.token_urlsafe(32) for name in services},
                    json.dumps({"keys": [new_signing_key()]}))


@cache
def session_trust() -> TrustKit:
    """One kit per test session: fixtures and test clients of every service share it."""
    return new_trust_kit()


def run_kit(run_dir: Path) -> TrustKit:
    """The kit of a `make run` directory, made on first use. Every process of the run calls this
    at start, concurrently: the first to link its file into place wins (`written_once`)."""

    def fresh() -> str:
        kit = new_trust_kit()
        return json.dumps({"secrets": kit.secrets, "signing_keys": kit.signing_keys})

    stored = json.loads(written_once(run_dir / "trust.json", fresh))
    return TrustKit(stored["secrets"], stored["signing_keys"])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="print a service's trust variables for a local run")
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("service")
    args = parser.parse_args(argv)
    kit = run_kit(args.run_dir)
    env = kit.env(args.service) if args.service in kit.secrets else {
        "SHOMEI_CALLERS": kit.callers(), "SHOMEI_ASSERTION_KEYS": public_jwks(kit.signing_keys)}
    for name, value in env.items():
        print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
