"""Tenants' profiles through the internal API: read by every reader, changed by a tenant admin
(through the console) with errors at their fields, every change kept as an event."""

from __future__ import annotations

import base64
import io
from typing import Any

from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import Engine

from shomei_enrollment.entrypoints.demo_tenants import DEMO, SAKURA
from shomei_enrollment.service_layer.commands import ChangeTenantProfile
from shomei_enrollment.service_layer.ports import EnrollmentUnitOfWork
from shomei_shared.service import Service

from .conftest import AUTH, events, tenant_admin

PROFILE = {**SAKURA.profile, "closures": [{"first_day": "2026-08-01", "last_day": "2026-08-20", "label": "夏季"}]}


def png(colour: str = "#d94f7a") -> str:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def put(client: FlaskClient, tenant: str, profile: dict[str, Any], **extra: Any) -> Any:
    return client.put("/internal/staff/tenant-profile", json={"profile": profile, **extra},
                      headers=tenant_admin(tenant, "admin-1"))


def test_a_profile_is_created_changed_and_its_history_kept(client: FlaskClient, engine: Engine) -> None:
    assert client.get("/internal/tenants/sakura-univ/profile", headers=AUTH).status_code == 404
    created = put(client, "sakura-univ", PROFILE, logo=png())
    assert created.status_code == 200, created.json
    assert created.json["profile"]["logo_version"] == 1
    assert created.json["profile"]["closures"] == [{"first_day": "2026-08-01", "last_day": "2026-08-20",
                                                    "label": "夏季"}]
    logo = client.get("/internal/tenants/sakura-univ/logo", headers=AUTH)
    assert logo.content_type == "image/png" and logo.data.startswith(b"\x89PNG")
    assert put(client, "sakura-univ", PROFILE).json["changed"] == []  # the same again: nothing recorded
    changed = put(client, "sakura-univ", {**PROFILE, "accent": "#1B4D2E", "notes_ja": "新しいお知らせ"})
    assert changed.json["changed"] == ["accent", "notes_ja"] and changed.json["profile"]["accent"] == "#1b4d2e"
    history = client.get("/internal/staff/tenant-profile/history", headers=tenant_admin("sakura-univ")).json["history"]
    assert sorted(history[0]["changes"]) == ["accent", "notes_ja"]
    assert history[0]["changes"]["accent"] == "#1b4d2e" and history[0]["staff_id"] == "admin-1"
    stored = events(engine, "tenant-profile:sakura-univ")
    assert [(e["topic"], e["type"], e["tenant_id"]) for e in stored] == [
        ("enrollment.tenant", "TenantProfileChanged", "sakura-univ")] * 2
    assert "logo_sha256" in stored[0]["payload"]["changes"]  # the digest, never the image
    listed = client.get("/internal/tenants", headers=AUTH).json["tenants"]
    assert [t["tenant_id"] for t in listed] == ["sakura-univ"]


def test_bad_input_is_named_at_its_field_in_japanese_or_english(client: FlaskClient, engine: Engine) -> None:
    bad = {**PROFILE, "name_ja": "", "accent": "red", "accent_ink": "#ffffff", "contact_email": "office",
           "terms_ja": "x" * 10_001, "closures": [{"first_day": "2026-08-20", "last_day": "2026-08-01"}]}
    response = client.put("/internal/staff/tenant-profile", json={"profile": bad},
                          headers={**tenant_admin("sakura-univ", "a"), "Accept-Language": "en"})
    assert response.status_code == 400
    reasons = {e["field"]: e["reason"] for e in response.json["errors"]}
    assert set(reasons) == {"name_ja", "accent", "contact_email", "terms_ja", "closures.0"}
    assert reasons["accent"].startswith("Enter a colour as #rrggbb")
    unreadable = put(client, "sakura-univ", {**PROFILE, "accent": "#ffcc00", "accent_ink": "#ffffff"})
    fields = {e["field"]: e["reason"] for e in unreadable.json["errors"]}
    assert set(fields) == {"accent", "accent_ink"} and "コントラスト比" in fields["accent_ink"]
    not_an_image = put(client, "sakura-univ", PROFILE, logo=base64.b64encode(b"%PDF-1.4 nope").decode())
    assert not_an_image.status_code == 400 and not_an_image.json["errors"][0]["field"] == "logo"
    assert events(engine, "tenant-profile:sakura-univ") == []
    for reserved in ("static", "Sakura", "-x"):  # would never be reachable at /<tenant>/
        assert put(client, reserved, PROFILE).json["errors"][0]["field"] == "tenant_id"


def test_closures_of_the_profile_are_the_review_calendars(enrollment: Service[EnrollmentUnitOfWork]) -> None:
    enrollment.handle(ChangeTenantProfile(tenant_id="demo-univ", staff_id="a", profile={
        **DEMO.profile, "closures": [{"first_day": "2026-04-14", "last_day": "2026-04-20", "label": "臨時休業"}]}))
    with enrollment.uow() as uow:
        calendar = uow.catalogues.review_calendar("demo-univ")
    assert [(p.first.isoformat(), p.last.isoformat()) for p in calendar.closures] == [
        ("2026-04-14", "2026-04-20")]
