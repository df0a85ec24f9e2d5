"""Submit → queue with due time → detail with match → return → resubmit → approve, through the
internal API on real PostgreSQL, and the events it writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine

from shomei_enrollment.adapters.alumni_repository import SqlAlumniRepository
from shomei_enrollment.entrypoints.demo_tenants import DEMO
from shomei_enrollment.entrypoints.seed_demo import alumni_records
from shomei_shared.clock import FakeClock
from shomei_shared.messaging.envelope import Envelope

from .conftest import AUTH, GATEWAY, events, graduate, resubmission_link, staff, token_of

# Personal data the contract keeps out of events, and secrets that must never be in one.
NEVER_IN_EVENTS = ("証明", "ショウメイ", "SHOMEI TARO", "1990-05-01", "530-0001", "梅田", "090-1234-5678",
                   "password", "token", "resubmit")


def seed_alumni(engine: Engine) -> None:
    with engine.begin() as conn:
        SqlAlumniRepository(conn).upsert("demo-univ", alumni_records(DEMO, datetime(2026, 4, 1).date()))


def test_submit_review_return_resubmit_approve(client: FlaskClient, engine: Engine, clock: FakeClock,
                                               verified_registration: Callable[..., str],
                                               form: dict[str, Any]) -> None:
    seed_alumni(engine)
    registration_id = verified_registration()

    submitted = client.post(f"/internal/registrations/{registration_id}/application", json=form, headers=AUTH)
    assert submitted.status_code == 201, submitted.json
    application_id = submitted.json["application_id"]

    mine = client.get(f"/internal/applications/{application_id}?applicant_key={registration_id}", headers=AUTH)
    assert mine.status_code == 200
    assert mine.json["applicant"]["name"]["romaji"] == "SHOMEI TARO" and "due_at" not in mine.json
    assert [d["side"] for d in mine.json["documents"]] == ["front", "back"]

    # Tuesday 09:30 JST in term: due 17:00 JST the same day (08:00 UTC).
    queue = client.get("/internal/staff/review-queue", headers=staff("demo-univ")).json["applications"]
    assert [(a["id"], a["overdue"]) for a in queue] == [(application_id, False)]
    assert queue[0]["due_at"] == "2026-04-14T08:00:00+00:00" and queue[0]["name_kanji"] == "証明　太郎"
    clock.set(datetime(2026, 4, 14, 8, 0, 1, tzinfo=UTC))
    assert client.get("/internal/staff/review-queue", headers=staff("demo-univ")).json["applications"][0]["overdue"]

    detail = client.get(f"/internal/staff/applications/{application_id}", headers=staff("demo-univ")).json
    best = detail["matches"][0]
    assert best["record"]["student_number"] == "L08001" and best["score"] == 100
    assert best["matched_fields"] == ["student_number", "date_of_birth", "name_kana"]
    image = client.get(f"/internal/staff/applications/{application_id}/documents/"
                       f"{detail['documents'][0]['id']}", headers=staff("demo-univ"))
    assert image.status_code == 200 and image.mimetype == "image/jpeg" and image.data[:2] == b"\xff\xd8"

    returned = client.post(f"/internal/staff/applications/{application_id}/decision",
                           headers=staff("demo-univ", "staff-1"),
                           json={"decision": "return", "reason": "裏面の画像が不鮮明です"})
    assert returned.status_code == 200 and returned.json["status"] == "returned"
    assert client.get("/internal/staff/review-queue", headers=staff("demo-univ")).json["applications"] == []

    link = resubmission_link(client, engine, application_id)
    assert link.startswith(GATEWAY + "/demo-univ/register/resubmit?token=")
    clock.set(datetime(2026, 4, 17, 6, 0, tzinfo=UTC))  # Friday 15:00 JST: due Monday 12:00 JST
    resubmitted = client.put(f"/internal/applications/{application_id}/resubmission", headers=AUTH,
                             json={**form, "token": token_of(link)})
    assert resubmitted.status_code == 200, resubmitted.json
    [queued] = client.get("/internal/staff/review-queue", headers=staff("demo-univ")).json["applications"]
    assert queued["id"] == application_id and not queued["overdue"]
    assert queued["due_at"] == "2026-04-20T03:00:00+00:00"

    approved = client.post(f"/internal/staff/applications/{application_id}/decision",
                           headers=staff("demo-univ", "staff-2"), json={"decision": "approve"})
    assert approved.status_code == 200 and approved.json["status"] == "approved"
    again = client.post(f"/internal/staff/applications/{application_id}/decision",
                        headers=staff("demo-univ", "staff-2"), json={"decision": "reject", "reason": "x"})
    assert again.status_code == 409

    written = events(engine, application_id)
    assert [e["type"] for e in written] == ["ApplicationSubmitted", "ResubmissionRequested",
                                            "ApplicationResubmitted", "ApplicationApproved"]
    assert all(e["topic"] == "enrollment.application" and e["tenant_id"] == "demo-univ" for e in written)
    assert written[0]["payload"] == {"registration_id": registration_id, "email": "taro@example.jp",
                                     "locale": "ja", "kind": "registration", "account_id": None}
    assert written[1]["payload"]["reason"] == "裏面の画像が不鮮明です"
    assert written[1]["version"] == 2 and "registration_id" not in written[1]["payload"]
    assert written[1]["payload"]["expires_at"] == "2026-04-28T08:00:01+00:00"  # 14 days after the return
    assert written[2]["payload"] == {}
    assert written[3]["payload"] == {
        "registration_id": registration_id, "email": "taro@example.jp", "locale": "ja", "kind": "registration",
        "account_id": None, "graduate_id": approved.json["graduate_id"], "student_number": "L08001"}
    serialised = json.dumps([e["payload"] for e in written], ensure_ascii=False).lower()
    assert not [word for word in NEVER_IN_EVENTS if word.lower() in serialised]
    assert token_of(link).lower() not in serialised

    history = client.get(f"/internal/staff/applications/{application_id}/history",
                         headers=staff("demo-univ")).json["history"]
    assert [(h["type"], h["actor_kind"], h["actor_id"]) for h in history] == [
        ("ApplicationSubmitted", "applicant", registration_id), ("ResubmissionRequested", "staff", "staff-1"),
        ("ApplicationResubmitted", "applicant", registration_id), ("ApplicationApproved", "staff", "staff-2")]


def test_staff_of_another_tenant_sees_nothing_and_decides_nothing(
        client: FlaskClient, engine: Engine, verified_registration: Callable[..., str], form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    application_id = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                                 headers=AUTH).json["application_id"]
    base, intruder = f"/internal/staff/applications/{application_id}", staff("other-univ", "intruder")
    assert client.get(base, headers=intruder).status_code == 404
    assert client.get(f"{base}/history", headers=intruder).status_code == 404
    decided = client.post(f"{base}/decision", headers=intruder, json={"decision": "approve"})
    assert decided.status_code == 404
    missing = client.post("/internal/staff/applications/nope/decision", headers=staff("other-univ", "intruder"),
                          json={"decision": "approve"})
    assert decided.json == missing.json == {"errors": [
        {"field": "application_id", "code": "application_not_found", "reason": "申請が見つかりません。"}]}
    assert client.get("/internal/staff/review-queue", headers=staff("other-univ")).json["applications"] == []
    assert [e["type"] for e in events(engine, application_id)] == ["ApplicationSubmitted"]


def test_a_registration_of_another_tenant_or_unverified_cannot_be_used(
        client: FlaskClient, verified_registration: Callable[..., str], form: dict[str, Any]) -> None:
    other = verified_registration(tenant_id="other-univ")
    assert client.post(f"/internal/registrations/{other}/application", json=form, headers=AUTH).status_code == 404
    assert client.post("/internal/registrations/unknown/application", json=form, headers=AUTH).status_code == 404
    mine = verified_registration()
    assert client.post(f"/internal/registrations/{mine}/application", json=form, headers=AUTH).status_code == 201
    assert client.post(f"/internal/registrations/{mine}/application", json=form, headers=AUTH).status_code == 409


def test_approval_links_the_account_once_identity_activates_it(
        client: FlaskClient, engine: Engine, verified_registration: Callable[..., str],
        deliver: Callable[[Envelope], None], form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    application_id = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                                 headers=AUTH).json["application_id"]
    graduate_id = client.post(f"/internal/staff/applications/{application_id}/decision",
                              headers=staff("demo-univ", "s"), json={"decision": "approve", "student_number": "L08001"}
                              ).json["graduate_id"]
    activated = Envelope(type="AccountActivated", version=1, tenant_id="demo-univ", aggregate_id="acc-1",
                         aggregate_version=1, payload={
                             "email": "taro@example.jp", "locale": "ja", "application_id": application_id,
                             "secret_ref": "ref-1", "expires_at": "2026-04-21T00:00:00+00:00",
                             "login_url": "https://example.jp/login"})
    deliver(activated)
    deliver(activated)  # redelivered: the ledger keeps the effect single
    linked = events(engine, graduate_id)
    assert [(e["type"], e["topic"], e["payload"]) for e in linked] == [
        ("StudentNumberLinked", "enrollment.graduate", {"account_id": "acc-1", "student_number": "L08001"})]

    # 学籍番号追加登録: the same person's graduate-school number, applied for by the account.
    # No identity document: the graduate was proven at registration and is signed in (rule 14).
    graduate_form = {"tenant_id": form["tenant_id"], "applicant": {**form["applicant"], "enrollment": {
        "university": "shomei-grad", "faculty": "eng-grad", "department": "info-grad", "student_number": "G14008",
        "graduation_year_month": "2014-03", "status": "graduated"}}}
    link = client.post("/internal/account/student-number-applications", json=graduate_form,
                       headers=graduate("acc-1", "demo-univ"))
    assert link.status_code == 201, link.json
    detail = client.get(f"/internal/staff/applications/{link.json['application_id']}", headers=staff("demo-univ")).json
    assert detail["document_type"] is None and detail["documents"] == []
    # A registration still needs one: the same form without a document is refused at its fields.
    checked = client.post("/internal/application-checks", json=graduate_form, headers=AUTH)
    assert checked.status_code == 400
    assert {e["field"] for e in checked.json["errors"]} >= {"document_type", "images.front"}
    as_addition = client.post("/internal/application-checks", json={**graduate_form, "kind": "student_number"},
                              headers=AUTH)
    assert as_addition.status_code == 200 and as_addition.json["document_type"] is None
    approved = client.post(f"/internal/staff/applications/{link.json['application_id']}/decision",
                           headers=staff("demo-univ", "s"), json={"decision": "approve"})
    assert approved.status_code == 200 and approved.json["graduate_id"] == graduate_id
    submitted, decided = (e["payload"] for e in events(engine, link.json["application_id"]))
    assert submitted["kind"] == "student_number" and submitted["account_id"] == "acc-1"
    assert decided["student_number"] == "G14008" and decided["registration_id"] is None
    assert events(engine, graduate_id)[-1]["payload"] == {"account_id": "acc-1", "student_number": "G14008"}
    profile = client.get("/internal/account/profile", headers=graduate("acc-1", "demo-univ")).json
    assert profile["student_numbers"] == ["G14008", "L08001"]
    # Ordering's eligibility (rule 22) needs each number's status and programme: the graduate
    # school's number is 大学院 (its university is named as one), the registration's is 学部.
    assert profile["enrollments"] == [
        {"student_number": "G14008", "status": "graduated", "programme": "graduate"},
        {"student_number": "L08001", "status": "graduated", "programme": "undergraduate"}]



def test_an_approval_identity_refuses_is_recorded_and_shown_as_failed(
        client: FlaskClient, engine: Engine, verified_registration: Callable[..., str],
        deliver: Callable[[Envelope], None], form: dict[str, Any]) -> None:
    """docs/adr/0018: an approval for an address that has an account already does not end in
    silence; the application says it failed and why."""
    registration_id = verified_registration()
    application_id = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                                 headers=AUTH).json["application_id"]
    client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ", "s"),
                json={"decision": "approve", "student_number": "L08001"})
    refused = Envelope(type="AccountActivationRefused", version=1, tenant_id="demo-univ", aggregate_id="acc-0",
                       aggregate_version=3, payload={
                           "application_id": application_id, "email": "taro@example.jp", "locale": "ja",
                           "reason": "email_has_account"})
    deliver(refused)
    deliver(refused)  # redelivered: recorded once
    assert [(e["type"], e["payload"]) for e in events(engine, application_id)][-1] == (
        "ApplicationApprovalFailed", {"kind": "registration", "reason": "email_has_account"})
    assert [e["type"] for e in events(engine, application_id)].count("ApplicationApprovalFailed") == 1
    detail = client.get(f"/internal/staff/applications/{application_id}", headers=staff("demo-univ")).json
    assert detail["status"] == "approval_failed"
    history = client.get(f"/internal/staff/applications/{application_id}/history", headers=staff("demo-univ")).json
    assert history["history"][-1]["type"] == "ApplicationApprovalFailed"
    assert history["history"][-1]["reason"] == "email_has_account"
    # Staff find it among decided applications, and by its own filter (ADR 0018: never silent).
    decided = "/internal/staff/decided-applications"
    listed = client.get(f"{decided}?decision=approval_failed", headers=staff("demo-univ")).json["applications"]
    assert [row["id"] for row in listed] == [application_id]
    assert application_id in {row["id"] for row in client.get(decided, headers=staff("demo-univ")).json["applications"]}
