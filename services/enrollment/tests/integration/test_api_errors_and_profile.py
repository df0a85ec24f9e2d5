"""Bad input names the field in Japanese or English and writes nothing; profile changes; the
documents the API serves."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_shared.messaging.envelope import Envelope

from .conftest import AUTH, events, graduate, staff

PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n").decode()


def table_counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.execute(text(  # type: ignore[return-value]
            "SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM id_documents),"
            " (SELECT count(*) FROM events)")).one())


def test_every_bad_field_is_named_in_japanese_and_nothing_is_written(
        client: FlaskClient, engine: Engine, verified_registration: Callable[..., str], form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    bad = copy.deepcopy(form)
    bad["applicant"]["name"]["katakana"] = "しょうめい たろう"
    bad["applicant"]["address"]["postal_code"] = "53-0001"
    bad["applicant"]["mobile_phone"] = "03-1234-5678"
    bad["document_type"] = "学生証"
    bad["images"]["front"] = PDF
    before = table_counts(engine)
    response = client.post(f"/internal/registrations/{registration_id}/application", json=bad, headers=AUTH)
    assert response.status_code == 400
    reasons = {e["field"]: e["reason"] for e in response.json["errors"]}
    assert set(reasons) == {"name.katakana", "address.postal_code", "mobile_phone", "document_type", "images.front"}
    assert "全角カタカナ" in reasons["name.katakana"] and "jpg・gif・png" in reasons["images.front"]
    assert {e["field"]: e["code"] for e in response.json["errors"]} == {
        "name.katakana": "katakana_format", "address.postal_code": "postal_code_format",
        "mobile_phone": "mobile_phone_format", "document_type": "document_type_not_listed",
        "images.front": "image_format"}
    assert table_counts(engine) == before

    english = client.post(f"/internal/registrations/{registration_id}/application", json=bad,
                          headers={**AUTH, "Accept-Language": "en"})
    assert {e["field"]: e["reason"] for e in english.json["errors"]}["address.postal_code"] == (
        "Enter a 7-digit postal code (e.g. 100-0001).")


def test_shape_errors_and_authentication(client: FlaskClient, form: dict[str, Any]) -> None:
    assert client.get("/internal/staff/review-queue").status_code == 401
    wrong = client.get("/internal/staff/review-queue", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    no_images = {k: v for k, v in form.items() if k != "images"}
    # A registration without an identity document is refused by the rules, at the image's field.
    response = client.post("/internal/application-checks", json=no_images, headers=AUTH)
    assert response.status_code == 400 and "images.front" in {e["field"] for e in response.json["errors"]}
    not_base64 = {**form, "images": {"front": "***"}}
    response = client.post("/internal/registrations/r/application", json=not_base64, headers=AUTH)
    assert response.json["errors"][0]["field"] == "images.front"


def test_a_data_url_is_read_by_its_payload_and_a_broken_one_is_named_at_its_field(
        client: FlaskClient, form: dict[str, Any]) -> None:
    as_data_url = {**form, "images": {**form["images"], "front": "data:image/jpeg;base64," + form["images"]["front"]}}
    response = client.post("/internal/application-checks", json=as_data_url, headers=AUTH)
    assert response.status_code == 200, response.json
    # "data:" alone once took the server down (a 500, found by the OpenAPI fuzz test).
    for broken in ("data:", "data:image/jpeg;base64", "data:image/jpeg;base64,***"):
        sent = {**form, "images": {**form["images"], "back": broken}}
        response = client.post("/internal/application-checks", json=sent, headers=AUTH)
        assert response.status_code == 400, (broken, response.json)
        assert [(e["field"], e["code"]) for e in response.json["errors"]] == [("images.back", "image_not_base64")]


def test_confirmation_check_normalises_and_stores_nothing(client: FlaskClient, engine: Engine,
                                                          form: dict[str, Any]) -> None:
    before = table_counts(engine)
    response = client.post("/internal/application-checks", json=form, headers=AUTH)
    assert response.status_code == 200
    assert response.json["applicant"]["name"]["katakana"] == "ショウメイ　タロウ"
    assert response.json["document_type"] == "drivers_license"
    assert [(i["side"], i["media_type"]) for i in response.json["images"]] == [
        ("back", "image/png"), ("front", "image/jpeg")]
    assert table_counts(engine) == before


def test_profile_change_records_field_names_only(
        client: FlaskClient, engine: Engine, verified_registration: Callable[..., str],
        deliver: Callable[[Envelope], None], form: dict[str, Any]) -> None:
    registration_id = verified_registration()
    application_id = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                                 headers=AUTH).json["application_id"]
    graduate_id = client.post(f"/internal/staff/applications/{application_id}/decision",
                              headers=staff("demo-univ", "s"), json={"decision": "approve"}).json["graduate_id"]
    deliver(Envelope(type="AccountActivated", version=1, tenant_id="demo-univ", aggregate_id="acc-9",
                     aggregate_version=1, payload={"email": "taro@example.jp", "locale": "ja",
                                                   "application_id": application_id}))
    deliver(Envelope(type="PasswordsSet", version=1, tenant_id="demo-univ", aggregate_id="acc-9",
                     aggregate_version=2, payload={}))  # not ours: skipped, not dead-lettered
    deliver(Envelope(type="EmailChanged", version=1, tenant_id="demo-univ", aggregate_id="acc-9",
                     aggregate_version=3, payload={"old_email": "taro@example.jp", "new_email": "new@example.jp"}))

    address = {**form["applicant"]["address"], "postal_code": "1000001", "prefecture": "東京都",
               "city": "千代田区", "street": "千代田1-1"}
    changed = client.patch("/internal/account/profile", headers=graduate("acc-9", "demo-univ"), json={
        "tenant_id": "demo-univ", "changes": {"address": address, "mobile_phone": "090-1234-5678"}})
    assert changed.status_code == 200 and changed.json == {"changed": ["address"]}
    profile = client.get("/internal/account/profile", headers=graduate("acc-9", "demo-univ")).json
    assert profile["email"] == "new@example.jp" and profile["profile"]["address"]["postal_code"] == "100-0001"
    assert events(engine, graduate_id)[-1]["payload"] == {"account_id": "acc-9", "fields": ["address"]}

    # The confirmation screen's check: normalised as the change would store it, nothing stored.
    checked = client.post("/internal/account/profile-checks", headers=graduate("acc-9", "demo-univ"), json={
        "tenant_id": "demo-univ", "changes": {"address": {**address, "postal_code": "１００－０００２"}}})
    assert checked.status_code == 200 and checked.json["profile"]["address"]["postal_code"] == "100-0002"
    assert checked.json["profile"]["address"]["prefecture"] == "東京都"
    stored = client.get("/internal/account/profile", headers=graduate("acc-9", "demo-univ")).json
    assert stored["profile"]["address"]["postal_code"] == "100-0001"
    bad_check = client.post("/internal/account/profile-checks", headers=graduate("acc-9", "demo-univ"), json={
        "tenant_id": "demo-univ", "changes": {"name": {"kanji": "", "katakana": "やまだ", "romaji": "X Y"}}})
    assert {e["field"]: e["code"] for e in bad_check.json["errors"]} == {
        "name.kanji": "required", "name.katakana": "katakana_format"}

    refused = client.patch("/internal/account/profile", headers=graduate("acc-9", "demo-univ"), json={
        "tenant_id": "demo-univ", "changes": {"date_of_birth": "1991-01-01", "mobile_phone": "123"}})
    assert refused.status_code == 400 and refused.json["errors"][0]["field"] == "date_of_birth"
    invalid = client.patch("/internal/account/profile", headers=graduate("acc-9", "demo-univ"), json={
        "tenant_id": "demo-univ", "changes": {"mobile_phone": "123"}})
    assert [e["field"] for e in invalid.json["errors"]] == ["mobile_phone"]
    assert client.get("/internal/account/profile", headers=graduate("acc-9", "other-univ")).status_code == 404


def test_openapi_health_and_catalogue(client: FlaskClient) -> None:
    assert client.get("/internal/openapi.json").status_code == 401
    document = client.get("/internal/openapi.json", headers=AUTH).json
    assert "/internal/staff/applications/{application_id}/decision" in document["paths"]
    assert "ApplicationForm" in document["components"]["schemas"]
    monitor = session_trust().headers("monitor")
    assert client.get("/healthz").status_code == 200 and client.get("/readyz", headers=monitor).status_code == 200
    catalogue = client.get("/internal/tenants/demo-univ/catalogue", headers=AUTH).json
    assert catalogue["universities"][0]["name_ja"] == "証明大学"
    assert catalogue["universities"][0]["faculties"][0]["departments"][0]["code"] == "jpn"
