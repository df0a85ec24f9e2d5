"""ordering's internal API on PostgreSQL: the graduate's catalogue and orders, staff's search,
detail and catalogue editor; refusals worded at their fields; one order per idempotency key."""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import Engine

from shomei_ordering.entrypoints.demo_catalogues import DEMO_UNIV
from shomei_ordering.service_layer.commands import MarkOrderPaid
from shomei_ordering.service_layer.ports import OrderingUnitOfWork
from shomei_shared.service import Service

from .conftest import START, events, graduate, order_body, staff


def test_a_graduate_orders_from_their_catalogue_and_sees_only_their_own_orders(app: Flask, engine: Engine) -> None:
    client = app.test_client()
    catalogue = client.get("/internal/catalogue", headers=graduate()).json
    assert {t["code"] for t in catalogue["types"]} >= {"graduation", "transcript", "graduation_en"}
    assert catalogue["usage_fee"] == 200 and catalogue["payment_methods"] == ["paypal", "smartpit"]

    placed = client.post("/internal/orders", json=order_body(), headers=graduate())
    assert placed.status_code == 201, placed.json
    order_id = placed.json["order_id"]
    mine = client.get(f"/internal/orders/{order_id}", headers=graduate()).json
    assert (mine["total"], mine["status"], mine["copies"]) == (500 * 3 + 200, "placed", 3)
    assert mine["deadline"] == "2026-04-07T14:59:59+00:00"  # 2026-04-07 23:59:59 JST
    assert [h["event"] for h in mine["history"]] == ["OrderPlaced"]
    assert (mine["usage_fee"], mine["print_estimate"]) == (200, 20 * (2 * 1 + 1 * 2))  # pages × copies × 20 yen

    assert client.get(f"/internal/orders/{order_id}", headers=graduate("account-2")).status_code == 404
    assert client.get(f"/internal/orders/{order_id}", headers=graduate(tenant="sakura-univ")).status_code == 404
    assert client.get("/internal/orders", headers=graduate("account-2")).json == {"orders": []}
    assert client.post(f"/internal/orders/{order_id}/cancellation", headers=graduate("account-2")).status_code == 404
    assert client.post(f"/internal/orders/{order_id}/cancellation", headers=graduate()).status_code == 200
    assert client.get("/internal/orders", headers=graduate()).json["orders"][0]["status"] == "cancelled"
    assert [e["type"] for e in events(engine, order_id)] == ["OrderPlaced", "OrderCancelled"]


def test_refusals_are_worded_at_their_fields_in_japanese_and_english(app: Flask) -> None:
    client = app.test_client()
    body = order_body(enrollment_status="除籍", payment_method="cash",
                      lines=[{"type": "graduation", "copies": 12}, {"type": "transcript", "copies": 9},
                             {"type": "nothing", "copies": 1}])
    ja = client.post("/internal/orders", json=body, headers=graduate())
    en = client.post("/internal/orders?lang=en", json=body, headers=graduate())

    assert ja.status_code == en.status_code == 400
    fields = {e["field"]: e["reason"] for e in ja.json["errors"]}
    assert set(fields) == {"payment_method", "lines.0.type", "lines.2.type", "lines"}
    assert "22部" in fields["lines"] and "卒業証明書" in fields["lines.0.type"]
    assert "at most 20 copies" in {e["field"]: e["reason"] for e in en.json["errors"]}["lines"]
    assert client.get("/internal/orders", headers=graduate()).json == {"orders": []}


def test_a_double_submitted_confirmation_places_one_order_even_when_the_two_race(app: Flask, engine: Engine) -> None:
    for attempt in range(5):
        body = order_body(idempotency_key=f"confirmation-page-{attempt:04d}")
        answers: list[tuple[int, str]] = []
        start = threading.Barrier(2)

        def submit(body: dict[str, object] = body, answers: list[tuple[int, str]] = answers,
                   start: threading.Barrier = start) -> None:
            start.wait()
            answer = app.test_client().post("/internal/orders", json=body, headers=graduate())
            answers.append((answer.status_code, answer.json["order_id"]))

        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [status for status, _ in answers] == [201, 201]
        assert len({order_id for _, order_id in answers}) == 1
        assert [e["type"] for e in events(engine, answers[0][1])] == ["OrderPlaced"]
    assert len(app.test_client().get("/internal/orders", headers=graduate()).json["orders"]) == 5


def test_staff_find_orders_and_follow_their_history(app: Flask, service: Service[OrderingUnitOfWork]) -> None:
    client = app.test_client()
    first = client.post("/internal/orders", json=order_body(), headers=graduate()).json["order_id"]
    other = client.post("/internal/orders", json=order_body(student_number="G20001", programme="大学院",
                                                            lines=[{"type": "completion", "copies": 1}]),
                        headers=graduate("account-2")).json["order_id"]
    assert service.handle(MarkOrderPaid("demo-univ", first, "pay-1", 1700, START)) == "paid"

    paid = client.get("/internal/staff/orders?status=paid", headers=staff()).json["orders"]
    assert [o["id"] for o in paid] == [first]
    by_number = client.get("/internal/staff/orders?student_number=G20001&from=2026-04-01&to=2026-04-01",
                           headers=staff()).json["orders"]
    assert [o["id"] for o in by_number] == [other]
    assert client.get("/internal/staff/orders?from=2026-04-02", headers=staff()).json["orders"] == []
    assert client.get("/internal/staff/orders?status=lost", headers=staff()).status_code == 400
    detail = client.get(f"/internal/staff/orders/{first}", headers=staff()).json
    assert [(h["event"], h.get("payment_id")) for h in detail["history"]] == [("OrderPlaced", None),
                                                                              ("OrderPaid", "pay-1")]
    assert all(h["correlation_id"] for h in detail["history"])
    assert client.get(f"/internal/staff/orders/{first}", headers=staff("sakura-univ")).status_code == 404
    assert client.get("/internal/staff/orders", headers=staff("sakura-univ")).json["orders"] == []


def test_tenant_admins_edit_the_catalogue_with_history_and_problems_at_their_fields(app: Flask) -> None:
    client = app.test_client()
    admin = staff(roles=("tenant_admin",), staff_id="admin-7")
    cheaper = {**DEMO_UNIV, "usage_fee": 100}

    url, body = "/internal/staff/catalogue", {"catalogue": cheaper}
    assert client.put(url, json=body, headers=staff()).status_code == 403
    assert client.put(url, json=body, headers=admin).json == {"changed": True}
    assert client.put(url, json=body, headers=admin).json == {"changed": False}
    history = client.get("/internal/staff/catalogue/history", headers=admin).json["history"]
    assert [(h["version"], h["staff_id"], h["catalogue"]["usage_fee"]) for h in history] == [
        (2, "admin-7", 100), (1, "seed", 200)]
    assert client.get("/internal/catalogue", headers=graduate()).json["usage_fee"] == 100

    broken = {**DEMO_UNIV, "types": [{**DEMO_UNIV["types"][0], "fee": -5}], "payment_methods": []}
    refused = client.put("/internal/staff/catalogue?lang=en", json={"catalogue": broken}, headers=admin)
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json["errors"]} == {"types.0.fee", "payment_methods"}
    assert client.get("/internal/staff/catalogue", headers=admin).json["usage_fee"] == 100

