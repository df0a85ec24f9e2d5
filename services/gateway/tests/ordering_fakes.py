"""In-memory ordering for the gateway's tests; tests/integration/test_ordering_contract.py holds
it and the HTTP adapter against the real ordering service to the same cases."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shomei_gateway.service_layer.ordering import (
    MAX_COPIES,
    CertificateType,
    HistoryEntry,
    OrderCatalogue,
    OrderLine,
    OrderQuote,
    OrderRequest,
    OrderView,
)
from shomei_gateway.service_layer.ports import UpstreamError

TOKYO = ZoneInfo("Asia/Tokyo")
ANY = ("卒業", "退学", "除籍")
# The demo university's catalogue as ordering seeds it (entrypoints/demo_catalogues.py there).
DEMO_CATALOGUE = OrderCatalogue(
    types=(CertificateType("graduation", "卒業証明書", "Certificate of Graduation", 500, 1, ("卒業",), ("学部",)),
           CertificateType("completion", "修了証明書", "Certificate of Completion", 500, 1, ("卒業",), ("大学院",)),
           CertificateType("transcript", "成績証明書", "Academic Transcript", 500, 2, ANY, ("学部", "大学院")),
           CertificateType("degree", "学位取得証明書", "Certificate of Degree", 500, 1, ("卒業",), ("学部", "大学院")),
           CertificateType("enrollment_period", "在籍期間証明書", "Certificate of Enrollment Period", 500, 1, ANY,
                           ("学部", "大学院")),
           CertificateType("graduation_en", "卒業証明書（英文）", "Certificate of Graduation (English)", 500, 1,
                           ("卒業",), ("学部",)),
           CertificateType("transcript_en", "成績証明書（英文）", "Academic Transcript (English)", 500, 2, ANY,
                           ("学部", "大学院"))),
    usage_fee=200, print_charges={"netprint": 20, "sharp": 20}, payment_methods=("paypal", "smartpit"))


@dataclass
class FakeOrdering:
    catalogues: dict[str, OrderCatalogue] = field(default_factory=lambda: {"demo-univ": DEMO_CATALOGUE})
    placed: dict[str, tuple[str, str, OrderView]] = field(default_factory=dict)  # id → (tenant, account, order)
    now: datetime = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 2026-04-01 10:00 JST

    def catalogue(self, tenant_id: str, account_id: str) -> OrderCatalogue:
        return self.catalogues[tenant_id]

    def quote(self, tenant_id: str, account_id: str, order: OrderRequest) -> OrderQuote:
        catalogue = self.catalogues[tenant_id]
        errors: dict[str, str] = {}
        lines = []
        if order.payment_method not in catalogue.payment_methods:
            errors["payment_method"] = "このお支払い方法はご利用いただけません。"
        if not order.lines:
            errors["lines"] = "証明書を1種類以上選んでください。"
        for index, (code, copies) in enumerate(order.lines):
            found = catalogue.type_of(code)
            if found is None or not (order.enrollment_status in found.statuses and order.programme in found.programmes):
                errors[f"lines.{index}.type"] = "この証明書はお申し込みいただけません。"
                continue
            if not 1 <= copies <= MAX_COPIES:
                errors[f"lines.{index}.copies"] = f"部数は1〜{MAX_COPIES}部で指定してください。"
            lines.append(OrderLine(code, found.name_ja, found.name_en, found.fee, copies, found.pages))
        if sum(copies for _code, copies in order.lines) > MAX_COPIES:
            errors["lines"] = f"1回の申請でお申し込みいただける部数は合計{MAX_COPIES}部までです。"
        if errors:
            raise UpstreamError(400, errors)
        last_day = self.now.astimezone(TOKYO).date() + timedelta(days=6)
        return OrderQuote(
            tuple(lines), catalogue.usage_fee, sum(line.fee * line.copies for line in lines) + catalogue.usage_fee,
            sum(line.pages * line.copies for line in lines) * catalogue.print_charges.get(order.print_channel, 0),
            datetime.combine(last_day, time(23, 59, 59), TOKYO).astimezone(UTC))

    def place(self, tenant_id: str, account_id: str, order: OrderRequest) -> str:
        order_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{tenant_id}/{account_id}/{order.idempotency_key}"))
        if order_id in self.placed:
            return order_id
        quoted = self.quote(tenant_id, account_id, order)
        if order.confirmed_deadline is not None and order.confirmed_deadline != quoted.deadline:
            raise UpstreamError(409, {"deadline": "日付が変わり、お支払い期限・印刷期限が変わりました。"})
        self.placed[order_id] = (tenant_id, account_id, OrderView(
            order_id, order.student_number, order.print_channel, order.payment_method, quoted.total, "placed",
            self.now, quoted.deadline, sum(line.copies for line in quoted.lines), quoted.lines,
            (HistoryEntry("OrderPlaced", self.now),), quoted.usage_fee, quoted.print_estimate))
        return order_id

    def orders(self, tenant_id: str, account_id: str) -> list[OrderView]:
        mine = [replace(order, lines=(), history=(), usage_fee=None, print_estimate=None)
                for tenant, account, order in self.placed.values() if (tenant, account) == (tenant_id, account_id)]
        return sorted(mine, key=lambda order: order.placed_at, reverse=True)

    def order(self, tenant_id: str, account_id: str, order_id: str) -> OrderView | None:
        found = self.placed.get(order_id)
        return found[2] if found is not None and found[:2] == (tenant_id, account_id) else None

    def cancel(self, tenant_id: str, account_id: str, order_id: str) -> None:
        found = self.order(tenant_id, account_id, order_id)
        if found is None:
            raise UpstreamError(404, {"order_id": "お申し込みが見つかりません。"})
        if found.status == "cancelled":
            return
        if found.status != "placed":
            raise UpstreamError(409, {"order_id": "お支払い済み、または期限切れのお申し込みは取り消せません。"})
        self.placed[order_id] = (tenant_id, account_id, replace(
            found, status="cancelled", history=(*found.history, HistoryEntry("OrderCancelled", self.now))))

    def change_payment_method(self, tenant_id: str, account_id: str, order_id: str, method: str) -> str:
        found = self.order(tenant_id, account_id, order_id)
        if found is None:
            raise UpstreamError(404, {"order_id": "お申し込みが見つかりません。"})
        if method == found.payment_method:
            return method
        if found.status != "placed":
            raise UpstreamError(409, {"payment_method": "お支払い済み・期限切れ・取消済みのお申し込みは、"
                                                        "お支払い方法を変更できません。"})
        if method not in self.catalogues[tenant_id].payment_methods:
            raise UpstreamError(400, {"payment_method": "このお支払い方法はご利用いただけません。"})
        self.placed[order_id] = (tenant_id, account_id, replace(
            found, payment_method=method,
            history=(*found.history, HistoryEntry("OrderPaymentMethodChanged", self.now))))
        return method
