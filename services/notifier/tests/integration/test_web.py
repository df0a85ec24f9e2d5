from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from shomei_devtools.trust import session_trust
from shomei_notifier.entrypoints.web import create_app
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_notifier.settings import NotifierSettings
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.web.assertions import Actor

AUDITOR = Actor("demo-univ", "staff-1", "staff", ("auditor",))


def auditor() -> dict[str, str]:
    """The console for an auditor, with a fresh assertion: one made at import would expire (it
    lives five minutes) before a long suite reaches these tests."""
    return session_trust().headers("admin", AUDITOR)


@pytest.fixture
def client(settings: NotifierSettings) -> FlaskClient:
    return create_app(settings).test_client()


def test_health_and_metrics(client: FlaskClient) -> None:
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/metrics").status_code == 401  # the monitor's, not the public's (ADR 0019)
    metrics = client.get("/metrics", headers=session_trust().headers("monitor"))
    assert b"shomei_notifier_delivery_attempts_total" in metrics.data


def test_the_delivery_listing_is_the_consoles_for_an_auditor(client: FlaskClient) -> None:
    response = client.get("/internal/deliveries")
    assert response.status_code == 401
    assert response.json == {"errors": [{"field": "Authorization", "reason": "認証が必要です。"}]}
    assert client.get("/internal/deliveries", headers={"Authorization": "Bearer admin.wrong"}).status_code == 401
    assert client.get("/internal/deliveries", headers=session_trust().headers("admin")).status_code == 401
    gateway = session_trust().headers("gateway", AUDITOR)
    assert client.get("/internal/deliveries", headers=gateway).status_code == 403
    reviewer = session_trust().headers("admin", Actor("demo-univ", "staff-2", "staff", ("reviewer",)))
    assert client.get("/internal/deliveries", headers=reviewer).status_code == 403


def test_the_delivery_listing_shows_status_without_content(
    client: FlaskClient, make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None],
    dispatcher: Dispatcher,
) -> None:
    handle(make_envelope("AccountActivated"))
    dispatcher.dispatch_due()
    handle(make_envelope("ApplicationRejected"))
    listing = client.get("/internal/deliveries", headers=auditor()).json["deliveries"]
    assert [(d["template_key"], d["status"], d["attempts"]) for d in listing] == [
        ("application_rejected", "pending", 0), ("application_approved", "sent", 1)]
    assert all("variables" not in d and "secret_ref" not in d and "body" not in d for d in listing)
    assert "本人確認書類" not in str(listing)
    sent = client.get("/internal/deliveries?status=sent", headers=auditor()).json["deliveries"]
    assert [d["template_key"] for d in sent] == ["application_approved"]
    # The tenant is the auditor's: another university's auditor sees none of these, whatever they ask.
    other = session_trust().headers("admin", Actor("other-univ", "staff-9", "staff", ("auditor",)))
    assert client.get("/internal/deliveries?tenant_id=demo-univ", headers=other).json["deliveries"] == []


@pytest.mark.parametrize(("query", "field"), [("status=lost", "status"), ("limit=0", "limit"), ("limit=x", "limit")])
def test_a_bad_filter_names_the_field_in_japanese_or_english(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/internal/deliveries?{query}", headers=auditor())
    assert response.status_code == 400
    [error] = response.json["errors"]
    assert error["field"] == field and "指定してください" in error["reason"]
    english = client.get(f"/internal/deliveries?{query}", headers={**auditor(), "Accept-Language": "en"})
    assert english.json["errors"][0]["reason"].startswith("Use ")


def test_the_openapi_document_describes_the_listing(client: FlaskClient) -> None:
    assert "/internal/deliveries" in client.get("/internal/openapi.json", headers=auditor()).json["paths"]
