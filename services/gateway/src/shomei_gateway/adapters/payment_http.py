"""The payment service's internal API behind the gateway's PaymentApi port. Like ordering's, no
call sends the tenant or the account: payment takes both from identity's assertion (ADR 0019)."""

from __future__ import annotations

from shomei_gateway.adapters.identity_http import fields_as
from shomei_gateway.service_layer.payment import PaymentView
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


class HttpPayment:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def start_paypal(self, tenant_id: str, account_id: str, order_id: str, return_url: str, cancel_url: str) -> str:
        with fields_as({}):
            started = self._client.call("POST", "/internal/payments/paypal",
                                        {"order_id": order_id, "return_url": return_url, "cancel_url": cancel_url})
        return str(started["approve_url"])

    def paypal_return(self, tenant_id: str, account_id: str, order_id: str, token: str) -> str:
        with fields_as({}):
            returned = self._client.call("POST", "/internal/payments/paypal/return",
                                         {"order_id": order_id, "token": token})
        return str(returned["status"])

    def smartpit_bill(self, tenant_id: str, account_id: str, order_id: str) -> str:
        with fields_as({}):
            bill = self._client.call("POST", "/internal/payments/smartpit", {"order_id": order_id})
        return str(bill["smartpit_number"])

    def payment(self, tenant_id: str, account_id: str, order_id: str) -> PaymentView | None:
        try:
            with fields_as({}):
                found = self._client.call("GET", url_path("/internal/payments/{}", order_id))
        except UpstreamError as error:
            if error.status == 404:
                return None
            raise
        return PaymentView(str(found["order_id"]), str(found["method"]), int(found["amount"]), str(found["status"]))
