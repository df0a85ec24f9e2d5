from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import Engine

from .conftest import AUTH, events, resubmission_link, staff, token_of


def submit(app: Flask, registration_id: str, form: dict[str, Any]) -> str:
    response = app.test_client().post(f"/internal/registrations/{registration_id}/application", json=form,
                                      headers=AUTH)
    assert response.status_code == 201
    return str(response.json["application_id"])


def test_two_staff_deciding_at_once_make_one_decision(app: Flask, engine: Engine,
                                                      verified_registration: Callable[..., str],
                                                      form: dict[str, Any]) -> None:
    application_id = submit(app, verified_registration(), form)
    statuses: list[int] = []
    start = threading.Barrier(2)

    def decide(staff_id: str, body: dict[str, str]) -> None:
        start.wait()
        response = app.test_client().post(f"/internal/staff/applications/{application_id}/decision",
                                          headers=staff("demo-univ", staff_id), json=body)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=decide, args=args) for args in (
        ("a", {"decision": "approve"}), ("b", {"decision": "reject", "reason": "記録なし"}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]
    decisions = [e["type"] for e in events(engine, application_id)][1:]
    assert len(decisions) == 1 and decisions[0] in ("ApplicationApproved", "ApplicationRejected")


def test_only_the_applicant_resubmits_and_only_when_returned(app: Flask, engine: Engine,
                                                             verified_registration: Callable[..., str],
                                                             form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    application_id = submit(app, registration_id, form)
    client = app.test_client()
    url = f"/internal/applications/{application_id}/resubmission"
    not_returned = client.put(url, headers=AUTH, json={**form, "applicant_key": registration_id})
    assert not_returned.status_code == 400 and not_returned.json["errors"][0]["field"] == "token"
    client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ", "s"),
                json={"decision": "return", "reason": "住所が読めません"})
    # The registration id is no capability: it neither opens nor resubmits (ADR 0023).
    by_registration = client.put(url, headers=AUTH, json={**form, "applicant_key": registration_id})
    assert by_registration.status_code == 400 and by_registration.json["errors"][0]["code"] == \
        "resubmission_link_invalid"
    assert client.get(f"/internal/registrations/{registration_id}/application", headers=AUTH).status_code == 405
    token = token_of(resubmission_link(client, engine, application_id))
    opened = client.post("/internal/resubmission-links/open", headers=AUTH,
                         json={"tenant_id": "demo-univ", "token": token})
    assert opened.json["id"] == application_id and opened.json["status"] == "returned"
    assert opened.json["decision_reason"] == "住所が読めません"
    assert "due_at" not in opened.json  # staff-only columns stay hidden
    assert client.put(url, headers=AUTH, json={**form, "token": token}).status_code == 200
    unknown = client.post("/internal/staff/applications/nope/decision", headers=staff("demo-univ", "s"),
                          json={"decision": "approve"})
    assert unknown.status_code == 404
