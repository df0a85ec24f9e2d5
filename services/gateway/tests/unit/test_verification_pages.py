"""The public verification page (ADR 0036) with print-gateway faked: no login; the code as typed
or from the QR code; a mistyped or unknown code answered at the field, in ja and en; a revoked
certificate with its reason; nothing personal after the retention period; the country header
passed on (never the address); a rate limit per address; and the graduate's own page."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from order_steps import UNDERGRADUATE, sign_in
from verification_fakes import FakeVerification

from shomei_gateway.adapters.verification_http import verification_of
from shomei_gateway.entrypoints.web import VERIFY_LIMIT
from shomei_gateway.service_layer.ports import UpstreamError

CODE = "7KQ4-M2XD-9P3F-WA6T"


def page(client: FlaskClient, path: str, **headers: str) -> tuple[int, str]:
    answer = client.get(f"/demo-univ{path}", headers=headers)
    return answer.status_code, answer.get_data(as_text=True)


def test_the_qr_codes_address_shows_the_certificate_without_login(client: FlaskClient,
                                                                 verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE, holder_name="証明 花子", number="No. 0042")
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and "有効な証明書です" in html
    for shown in ("証明 花子", "No. 0042", "卒業証明書", "2026年4月1日", CODE, 'src="data:image/png;base64,'):
        assert shown in html
    status, english = page(client, "/verify?code=7kq4+m2xd+9p3f+wa6t&lang=en")
    assert status == 200 and "This certificate is valid" in english and "Verify a certificate" in english
    assert "April 1, 2026" in english


def test_a_mistyped_or_unknown_code_is_answered_at_the_field(client: FlaskClient,
                                                             verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE)
    status, html = page(client, "/verify?code=7KQ4-M2XD")
    assert status == 400 and 'aria-invalid="true"' in html and "英数字16文字" in html
    assert 'value="7KQ4-M2XD"' in html  # what was typed stays, to be corrected
    status, html = page(client, "/verify?code=7KQ4-M2XD-9P3F-WA6V")
    assert status == 404 and 'id="code-error"' in html and "この確認コードの証明書はありません" in html
    status, html = page(client, "/verify?code=")
    assert status == 400 and 'id="code-error"' in html
    status, html = page(client, "/verify")
    assert status == 200 and 'id="code-error"' not in html and "有効な証明書" not in html


def test_a_revoked_certificate_says_so_with_the_reason(client: FlaskClient, verification: FakeVerification) -> None:
    certificate_id = verification.issue("demo-univ", "account-1", CODE)
    verification.revoke(certificate_id, "氏名の誤記のため")
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and "この証明書は取り消されています" in html and "氏名の誤記のため" in html


def test_after_the_retention_period_no_name_or_image_is_shown(client: FlaskClient,
                                                              verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE, holder_name="証明 花子", issued_on=date(2020, 1, 10))
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and "保存期間が過ぎています" in html
    assert "証明 花子" not in html and "data:image/png" not in html
    assert "画像は表示できません" not in html and "準備中" not in html  # no image by design, nothing to explain


def test_only_the_country_header_is_passed_on(client: FlaskClient, verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE)
    page(client, f"/verify/{CODE}", **{"CF-IPCountry": "DE", "X-Forwarded-For": "203.0.113.7"})
    page(client, f"/verify/{CODE}")
    [certificate] = verification.certificates("demo-univ", "account-1")
    assert [lookup.country for lookup in certificate.lookups] == [None, "DE"]


def test_lookups_are_rate_limited_per_address(app: Flask, verification: FakeVerification) -> None:
    per_minute = int(VERIFY_LIMIT.split()[0])
    client = app.test_client()
    statuses = [client.get(f"/demo-univ/verify/{CODE}").status_code for _ in range(per_minute + 1)]
    assert statuses[:per_minute] == [404] * per_minute and statuses[-1] == 429


def test_the_graduate_sees_their_certificates_and_who_checked_them(
        client: FlaskClient, identity: FakeIdentity, enrollment: FakeEnrollment,
        verification: FakeVerification) -> None:
    assert client.get("/demo-univ/certificates").status_code in (302, 303)  # login first
    account_id = sign_in(client, identity, enrollment, UNDERGRADUATE)
    verification.issue("demo-univ", account_id, CODE, number="No. 0042")
    verification.issue("demo-univ", "someone-else", "8KQ4-M2XD-9P3F-WA6T", number="No. 0099")
    page(client, f"/verify/{CODE}", **{"CF-IPCountry": "DE"})
    menu = client.get("/demo-univ/account/").get_data(as_text=True)
    assert "発行した証明書と確認の記録" in menu
    status, html = page(client, "/certificates")
    assert status == 200 and "No. 0042" in html and "No. 0099" not in html
    assert "ドイツ" in html and "2026年6月1日 12:00" in html
    english = client.get("/demo-univ/certificates?lang=en").get_data(as_text=True)
    assert "Germany" in english


def test_print_gateway_down_is_said_on_the_page(client: FlaskClient, verification: FakeVerification,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*_: object) -> None:
        raise UpstreamError(503, {"_service": "unavailable"})

    monkeypatch.setattr(verification, "verify", down)
    status, html = page(client, f"/verify/{CODE}")
    assert status == 503 and 'role="alert"' in html and "しばらくしてから" in html


def test_a_certificate_whose_image_is_not_made_yet_says_so_with_its_facts(client: FlaskClient,
                                                                         verification: FakeVerification) -> None:
    """print-gateway makes the image after issue (ADR 0039): until then the status and the facts,
    and in place of the image a sentence saying it is being prepared, in ja and en."""
    verification.issue("demo-univ", "account-1", CODE, holder_name="証明 花子", number="No. 0042", image=None)
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and "有効な証明書です" in html and "証明 花子" in html and "No. 0042" in html
    assert "証明書の画像は準備中です。しばらくしてから再度ご確認ください。" in html and "data:image/png" not in html
    status, english = page(client, f"/verify/{CODE}?lang=en")
    assert status == 200 and "This certificate is valid" in english
    assert "The image of the certificate is being prepared." in english and "data:image/png" not in english


def test_an_image_shown_says_nothing_of_being_prepared(client: FlaskClient, verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE)
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and 'src="data:image/png;base64,' in html and "準備中" not in html


def test_the_adapter_reads_an_image_still_to_be_made_as_none_pending() -> None:
    """print-gateway's answer while its jobs process has yet to make the image (ADR 0039)."""
    answer = {"status": "valid", "verification_code": CODE, "kind": "graduation", "title": "卒業証明書",
              "issued_on": "2026-04-01", "retention_ends": "2031-04-01", "holder_name": "証明 花子",
              "certificate_number": "No. 0042", "preview_png": None, "preview_pending": True}
    shown = verification_of(answer)
    assert (shown.preview_png, shown.preview_pending, shown.holder_name) == (None, True, "証明 花子")
    gone = verification_of({**answer, "preview_pending": False})
    assert (gone.preview_png, gone.preview_pending) == (None, False)


def test_a_certificate_whose_image_will_never_be_made_says_whom_to_ask(client: FlaskClient,
                                                                      verification: FakeVerification) -> None:
    verification.issue("demo-univ", "account-1", CODE, holder_name="証明 花子", image=None, pending=False)
    status, html = page(client, f"/verify/{CODE}")
    assert status == 200 and "有効な証明書です" in html and "証明 花子" in html
    assert "この証明書の画像は表示できません。" in html and "準備中" not in html
    status, english = page(client, f"/verify/{CODE}?lang=en")
    assert "The image of this certificate cannot be shown." in english
