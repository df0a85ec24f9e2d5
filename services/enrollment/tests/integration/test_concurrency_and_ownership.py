from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import Engine

from .conftest import AUTH, events, staff


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


def test_only_the_applicant_resubmits_and_only_when_returned(app: Flask, verified_registration: Callable[..., str],
                                                             form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    application_id = submit(app, registration_id, form)
    client = app.test_client()
    url = f"/internal/applications/{application_id}/resubmission"
    not_returned = client.put(url, headers=AUTH, json={**form, "applicant_key": registration_id})
    assert not_returned.status_code == 409 and not_returned.json["errors"][0]["field"] == "status"
    client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ", "s"),
                json={"decision": "return", "reason": "住所が読めません"})
    assert client.put(url, headers=AUTH, json={**form, "applicant_key": "someone-else"}).status_code == 404
    assert client.get(f"/internal/applications/{application_id}?applicant_key=someone-else",
                      headers=AUTH).status_code == 404
    mine = client.get(f"/internal/applications/{application_id}?applicant_key={registration_id}", headers=AUTH)
    assert mine.json["status"] == "returned" and mine.json["decision_reason"] == "住所が読めません"
    by_registration = client.get(f"/internal/registrations/{registration_id}/application", headers=AUTH)
    assert by_registration.json["id"] == application_id and by_registration.json["status"] == "returned"
    assert "due_at" not in by_registration.json  # staff-only columns stay hidden
    at_other = client.get(f"/internal/registrations/{registration_id}/application?tenant_id=sakura-univ",
                          headers=AUTH)
    assert at_other.status_code == 404  # asked at another university's address
    assert client.get(f"/internal/registrations/{registration_id}/application?tenant_id=demo-univ",
                      headers=AUTH).status_code == 200
    assert client.get("/internal/registrations/unknown/application", headers=AUTH).status_code == 404
    assert client.put(url, headers=AUTH, json={**form, "applicant_key": registration_id}).status_code == 200
    unknown = client.post("/internal/staff/applications/nope/decision", headers=staff("demo-univ", "s"),
                          json={"decision": "approve"})
    assert unknown.status_code == 404
