"""In-memory payment for the gateway's tests; tests/integration/test_gateway_payment_contract.py
holds it and the HTTP adapter against the real payment service (and the PayPal simulator) to
the same cases.

Like the real one it knows an order only once it has "heard" it: `hear` (or, when given the fake
ordering, any order placed there after `deaf_for` calls). What happens at PayPal's approval page or
at a store's register is the test's to say: `approve`, `pay_at_store`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ordering_fakes import FakeOrdering

from shomei_gateway.service_layer.payment import PaymentView
from shomei_gateway.service_layer.ports import UpstreamError

NOT_FOUND = "お支払いが見つかりません。申請直後の場合は、しばらくしてからもう一度お試しください。"
PAID = "この申請はお支払い済みです。"
PENDING = "お支払いは確認中です。確認が済むまでお待ちください。"
NOT_PAYPAL = "この申請のお支払い方法はPayPalではありません。"
NOT_SMARTPIT = "この申請のお支払い方法はスマートピットではありません。"
NOT_STARTED = "お支払いが開始されていません。"
NOT_APPROVED = "PayPalでのお支払いが承認されていません。もう一度PayPalでお手続きください。"
FOREIGN = "PayPalから戻った内容がこの申請のお支払いと一致しません。この申請の画面からもう一度お支払いください。"


@dataclass
class _Payment:
    tenant_id: str
    account_id: str
    method: str
    amount: int
    status: str = "opened"
    paypal_order_id: str = ""
    attempts: int = 0
    approved_as: str = ""  # the buyer's choice at PayPal: "" (not yet), "ok", "declined", "pending"
    smartpit_number: str = ""
    urls: tuple[str, str] = ("", "")  # the return and cancel URLs PayPal was given


@dataclass
class FakePayment:
    ordering: FakeOrdering | None = None
    deaf_for: int = 0  # calls answered 404 before an order placed at `ordering` is heard
    payments: dict[str, _Payment] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def hear(self, tenant_id: str, account_id: str, order_id: str, method: str, amount: int) -> None:
        self.payments.setdefault(order_id, _Payment(tenant_id, account_id, method, amount))

    def _find(self, tenant_id: str, account_id: str, order_id: str) -> _Payment:
        if self.deaf_for > 0:
            self.deaf_for -= 1
        elif self.ordering is not None and order_id in self.ordering.placed:
            tenant, account, order = self.ordering.placed[order_id]
            self.hear(tenant, account, order_id, order.payment_method, order.total)
        found = self.payments.get(order_id)
        if found is None or (found.tenant_id, found.account_id) != (tenant_id, account_id):
            raise UpstreamError(404, {"order_id": NOT_FOUND})
        if self.ordering is not None and order_id in self.ordering.placed:
            self.follow(found, self.ordering.placed[order_id][2].payment_method)
        return found

    def follow(self, found: _Payment, method: str) -> None:
        """Payment heard OrderPaymentMethodChanged: unpaid, it follows; the PayPal order left
        behind is never captured (its late capture is money not applied, at ordering)."""
        if method != found.method and found.status not in ("captured", "confirmed"):
            found.method, found.status, found.paypal_order_id, found.approved_as = method, "created", "", ""

    def start_paypal(self, tenant_id: str, account_id: str, order_id: str, return_url: str, cancel_url: str) -> str:
        self.calls.append(f"start_paypal {order_id}")
        found = self._find(tenant_id, account_id, order_id)
        if found.method != "paypal":
            raise UpstreamError(409, {"order_id": NOT_PAYPAL})
        if found.status in ("captured", "confirmed"):
            raise UpstreamError(409, {"order_id": PAID})
        if found.status == "pending":
            raise UpstreamError(409, {"order_id": PENDING})
        if not found.paypal_order_id:  # the first start, or the one after a declined capture
            found.attempts += 1
            found.paypal_order_id = f"FAKE{order_id[:8].upper()}{found.attempts:04d}"
            found.status, found.approved_as = "created", ""
        found.urls = (return_url, cancel_url)
        return f"https://www.paypal.com/checkoutnow?token={found.paypal_order_id}"

    def approve(self, order_id: str, outcome: str = "ok") -> str:
        """The buyer approves at PayPal (the capture will then be `outcome`); PayPal's token."""
        found = self.payments[order_id]
        found.approved_as = outcome
        return found.paypal_order_id

    def paypal_return(self, tenant_id: str, account_id: str, order_id: str, token: str) -> str:
        self.calls.append(f"paypal_return {order_id}")
        found = self._find(tenant_id, account_id, order_id)
        if not found.paypal_order_id:
            raise UpstreamError(409, {"order_id": NOT_STARTED})
        if token and token != found.paypal_order_id:
            raise UpstreamError(409, {"order_id": FOREIGN})
        if found.status != "created":
            return found.status  # captured once: a second return answers the same
        if not found.approved_as:
            raise UpstreamError(409, {"order_id": NOT_APPROVED})
        found.status = {"ok": "captured", "pending": "pending", "declined": "declined"}[found.approved_as]
        if found.status == "declined":
            found.paypal_order_id = ""  # that PayPal order is over; the next start makes a new one
        return found.status

    def smartpit_bill(self, tenant_id: str, account_id: str, order_id: str) -> str:
        found = self._find(tenant_id, account_id, order_id)
        if found.method != "smartpit":
            raise UpstreamError(409, {"order_id": NOT_SMARTPIT})
        if found.status in ("captured", "confirmed"):
            raise UpstreamError(409, {"order_id": PAID})
        if not found.smartpit_number:
            found.smartpit_number = str(int(hashlib.sha256(order_id.encode()).hexdigest(), 16))[:13]
            found.status = "created"
        return found.smartpit_number

    def pay_at_store(self, order_id: str) -> None:
        """Smart Pit's 速報 arrived: the bill is paid."""
        self.payments[order_id].status = "captured"

    def payment(self, tenant_id: str, account_id: str, order_id: str) -> PaymentView | None:
        try:
            found = self._find(tenant_id, account_id, order_id)
        except UpstreamError:
            return None
        return PaymentView(order_id, found.method, found.amount, found.status)
