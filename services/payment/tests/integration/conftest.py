"""payment on real PostgreSQL, with the PayPal simulator served on a free port and sending its
webhooks to payment's own app served on another: the same HTTP both ways as in a deployment."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_payment.bootstrap import bootstrap
from shomei_payment.domain import heard
from shomei_payment.domain.payment import payment_id_for
from shomei_payment.entrypoints.migrate import MIGRATIONS
from shomei_payment.entrypoints.web import create_app, paypal_client, smartpit_client
from shomei_payment.service_layer.ports import PaymentUnitOfWork
from shomei_payment.settings import PaymentSettings
from shomei_shared.db import make_engine, migrate
from shomei_shared.service import Service
from shomei_shared.web.assertions import Actor
from shomei_simulators.paypal import PayPalConfig
from shomei_simulators.paypal import create_app as create_paypal
from shomei_simulators.smartpit import SmartPitConfig
from shomei_simulators.smartpit import create_app as create_smartpit
from shomei_simulators.testing import Served

TENANT, ACCOUNT = "demo-univ", "account-1"


def graduate(account_id: str = ACCOUNT, tenant: str = TENANT) -> dict[str, str]:
    """The gateway calling for a signed-in graduate."""
    return session_trust().headers("gateway", Actor(tenant, account_id, "graduate"))


class Late:
    """A WSGI app chosen after its address: payment's app needs the simulator's URL and the
    simulator needs payment's webhook URL."""

    app: Any = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


@dataclass
class Payments:
    app: Flask
    service: Service[PaymentUnitOfWork]
    engine: Engine
    paypal: str  # the simulator's base URL
    app_url: str  # payment's app served, where the simulators send webhooks and notices
    smartpit: str  # the Smart Pit simulator's base URL
    client: Any  # payment's PayPal client, to read what PayPal holds

    def paypal_order(self, paypal_order_id: str) -> dict[str, Any]:
        answer = requests.get(f"{self.paypal}/v2/checkout/orders/{paypal_order_id}", timeout=10,
                              headers={"Authorization": f"Bearer {self.client.token()}"})
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found

    def place(self, total: int = 1500, method: str = "paypal", deadline: datetime | None = None) -> str:
        """An order placed at ordering, heard as the consumer hears it."""
        order_id = str(uuid.uuid4())
        now = datetime.now(UTC)
        self.service.handle(heard.OrderPlaced(tenant_id=TENANT, aggregate_id=order_id, account_id=ACCOUNT,
                                              payment_method=method, total=total,
                                              deadline=deadline or now + timedelta(days=6),
                                              ends_at=now + timedelta(days=7)))
        return order_id

    def start(self, order_id: str) -> str:
        answer = self.app.test_client().post("/internal/payments/paypal", headers=graduate(), json={
            "order_id": order_id, "return_url": "https://shomei.test/pay/back", "cancel_url": "https://shomei.test/pay"})
        assert answer.status_code == 201, answer.json
        url: str = answer.json["approve_url"]
        return url

    def approve(self, approve_url: str, instrument: str = "card_ok") -> None:
        """The graduate on PayPal's approval page, as a browser posts its form."""
        token = approve_url.split("token=")[1]
        answer = requests.post(f"{self.paypal}/checkoutnow", timeout=10, allow_redirects=False,
                               data={"token": token, "instrument": instrument, "action": "approve"})
        assert answer.status_code == 303, answer.text

    def back(self, order_id: str) -> str:
        answer = self.app.test_client().post("/internal/payments/paypal/return", headers=graduate(),
                                             json={"order_id": order_id})
        assert answer.status_code == 200, answer.json
        status: str = answer.json["status"]
        return status

    def row(self, order_id: str) -> dict[str, Any]:
        with self.service.uow() as uow:
            row = uow.payments.get(payment_id_for(order_id))
        assert row is not None
        return dict(row)

    def event_types(self, order_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(text("SELECT type FROM events WHERE aggregate_id = :a ORDER BY aggregate_version"),
                                     {"a": payment_id_for(order_id)}).scalars())

    def sim(self, method: str, path: str, base: str = "", **json: Any) -> Any:
        answer = requests.request(method, f"{base or self.paypal}{path}", json=json or None, timeout=10)
        assert answer.status_code < 300, answer.text
        return answer.json() if answer.content else None


@pytest.fixture
def payments(new_database: Callable[[str], str], tmp_path: Path) -> Iterator[Payments]:
    url = new_database("payment")
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=6)
    ours = Late()
    served_ours = Served(ours)
    paypal = Served(create_paypal(PayPalConfig(webhook_url=served_ours.url + "/webhooks/paypal",
                                               retry_base_seconds=0.05)))
    smartpit = Served(create_smartpit(SmartPitConfig(notice_url=served_ours.url + "/webhooks/smartpit",
                                                     retry_base_seconds=0.05)))
    ca = tmp_path / "paypal-ca.pem"
    ca.write_bytes(requests.get(paypal.url + "/_sim/ca.pem", timeout=10).content)
    settings = PaymentSettings(environment="test", database_url=url, paypal_api_url=paypal.url,
                               paypal_ca_file=str(ca), smartpit_api_url=smartpit.url,
                               **session_trust().settings("payment"))
    client = paypal_client(settings)
    service = bootstrap(engine, client, smartpit_client(settings))
    ours.app = create_app(settings, service, engine)
    yield Payments(ours.app, service, engine, paypal.url, served_ours.url, smartpit.url, client)
    smartpit.stop()
    paypal.stop()
    served_ours.stop()
    engine.dispose()
