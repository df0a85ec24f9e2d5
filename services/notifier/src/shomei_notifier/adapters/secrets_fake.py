"""An in-memory stand-in for identity's secret redemption, held to the same contract tests as
HttpSecretsClient (tests/integration/test_secrets_contract.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from shomei_notifier.service_layer.ports import PermanentFailure, RedeemedSecret, TemporaryFailure


@dataclass
class FakeSecretsClient:
    secrets: dict[str, RedeemedSecret] = field(default_factory=dict)
    available: bool = True

    def put(self, secret_ref: str, kind: str, value: str) -> None:
        self.secrets[secret_ref] = RedeemedSecret(kind, value)

    def expire(self, secret_ref: str) -> None:
        self.secrets.pop(secret_ref, None)

    def redeem(self, secret_ref: str) -> RedeemedSecret:
        if not self.available:
            raise TemporaryFailure("secrets_unavailable_fake")
        try:
            # Redeeming twice within validity gives the same value (the contract's redelivery rule).
            return self.secrets[secret_ref]
        except KeyError:
            raise PermanentFailure("secret_gone_404") from None
