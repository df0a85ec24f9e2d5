"""The PayPal simulator's app factory and the state its blueprints share."""

import secrets
import threading
from dataclasses import dataclass, field

from flask import Flask, request

from shomei_simulators.delivery import Deliverer
from shomei_simulators.paypal.ledger import Ledger
from shomei_simulators.paypal.webhooks import Webhooks
from shomei_simulators.webapp import new_app


@dataclass(frozen=True)
class PayPalConfig:
    client_id: str = "shomei-sim-client"
    client_secret: str = "shomei-sim-secret"
    webhook_id: str = "SIMWEBHOOK0001"
    webhook_url: str | None = None
    public_base_url: str | None = None
    retry_base_seconds: float = 1.0


@dataclass
class PayPalSimulator:
    config: PayPalConfig
    ledger: Ledger
    webhooks: Webhooks
    deliverer: Deliverer
    tokens: set[str] = field(default_factory=set)
    tokens_lock: threading.Lock = field(default_factory=threading.Lock)

    def base(self) -> str:
        """Where links, the certificate URL and the approval page point."""
        return (self.config.public_base_url or request.host_url).rstrip("/")

    def new_token(self) -> str:
        token = "A21AA" + secrets.token_urlsafe(40)
        with self.tokens_lock:
            self.tokens.add(token)
        return token

    def token_valid(self, token: str) -> bool:
        with self.tokens_lock:
            return token in self.tokens


def create_app(config: PayPalConfig | None = None) -> Flask:
    from shomei_simulators.paypal.api import api_blueprint
    from shomei_simulators.paypal.approval import approval_blueprint
    from shomei_simulators.paypal.simcontrol import control_blueprint

    config = config or PayPalConfig()
    deliverer = Deliverer(retry_base_seconds=config.retry_base_seconds)
    sim = PayPalSimulator(config, Ledger(), Webhooks(deliverer, config.webhook_id, config.webhook_url), deliverer)
    app = new_app(__name__, deliverer, api_blueprint(sim), approval_blueprint(sim), control_blueprint(sim))
    app.extensions["paypal_simulator"] = sim
    return app
