"""Verification in the console (ADR 0036), on a fake of print-gateway's staff API: finding a
certificate by its code as read aloud or by its order, its page with history and lookups,
revocation with a reason (registrars only; a double click revokes once; an empty reason is
answered at the field), and the verification log."""

from __future__ import annotations

import re
from datetime import timedelta

from certificate_fakes import FakeCertificates
from flask.testing import FlaskClient
from unit.test_console import sign_in

CODE = "7KQ4-M2XD-9P3F-WA6T"


def revoke_form(html: str) -> dict[str, str]:
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert token is not None
    return {"csrf_token": token.group(1)}


def test_staff_find_a_certificate_by_code_or_order(client: FlaskClient, certificates: FakeCertificates) -> None:
    first = certificates.issue("demo-univ", "order-7", CODE, number="No. 0042", holder_name="証明 花子")
    certificates.issue("other-univ", "order-7", "8KQ4-M2XD-9P3F-WA6T", number="No. 0099")
    sign_in(client, "auditor@demo-univ.example")
    by_code = client.get("/demo-univ/certificates?code=7kq4+m2xd+9p3f+wa6t").get_data(as_text=True)
    assert "No. 0042" in by_code and "証明 花子" in by_code and f"/demo-univ/certificates/{first}" in by_code
    by_order = client.get("/demo-univ/certificates?order_id=order-7").get_data(as_text=True)
    assert "No. 0042" in by_order and "No. 0099" not in by_order
    mistyped = client.get("/demo-univ/certificates?code=7KQ4")
    html = mistyped.get_data(as_text=True)
    assert mistyped.status_code == 400 and 'aria-invalid="true"' in html and 'id="code-error"' in html
    assert client.get("/demo-univ/certificates/certificate-2").status_code == 404  # another university's


def test_a_registrar_revokes_once_with_a_reason(client: FlaskClient, certificates: FakeCertificates) -> None:
    certificate_id = certificates.issue("demo-univ", "order-7", CODE)
    sign_in(client, "registrar@demo-univ.example")
    url = f"/demo-univ/certificates/{certificate_id}"
    page = client.get(url).get_data(as_text=True)
    assert 'class="revoke"' in page
    form = revoke_form(page)
    empty = client.post(f"{url}/revocation", data={**form, "reason": "  "})
    assert empty.status_code == 400 and 'id="reason-error"' in empty.get_data(as_text=True)
    first = client.post(f"{url}/revocation", data={**form, "reason": "氏名の誤記のため"})
    second = client.post(f"{url}/revocation", data={**form, "reason": "二度目"})  # the double click
    assert first.headers["Location"].endswith("outcome=revoked")
    assert second.headers["Location"].endswith("outcome=already")
    revoked = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "すでに取り消されています" in revoked and "氏名の誤記のため" in revoked and "二度目" not in revoked
    assert 'class="revoke"' not in revoked
    [(_, detail)] = certificates.issued.values()
    assert [event.what for event in detail.history] == ["CertificateIssued", "CertificateRevoked"]


def test_only_registrars_see_and_use_the_revocation(client: FlaskClient, certificates: FakeCertificates) -> None:
    certificate_id = certificates.issue("demo-univ", "order-7", CODE)
    sign_in(client, "auditor@demo-univ.example")
    url = f"/demo-univ/certificates/{certificate_id}"
    page = client.get(url).get_data(as_text=True)
    assert 'class="revoke"' not in page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)  # the language form's
    assert token is not None
    assert client.post(f"{url}/revocation", data={"csrf_token": token.group(1), "reason": "x"}).status_code == 403
    [(_, detail)] = certificates.issued.values()
    assert detail.summary.status == "valid"


def test_the_log_shows_time_country_and_outcome(client: FlaskClient, certificates: FakeCertificates) -> None:
    certificates.issue("demo-univ", "order-7", CODE, number="No. 0042")
    certificates.looked_up("demo-univ", CODE, "DE", certificates.now)
    certificates.looked_up("demo-univ", "0000-0000-0000-0000", None, certificates.now + timedelta(minutes=5))
    certificates.looked_up("other-univ", CODE, "US", certificates.now)
    sign_in(client, "reviewer@demo-univ.example")
    log = client.get("/demo-univ/verifications").get_data(as_text=True)
    assert log.index("該当なし") < log.index("No. 0042") and "DE" in log and "US" not in log
    assert "2026-06-01 12:00" in log or "2026/06/01 12:00" in log or "2026年6月1日 12:00" in log


def test_a_certificate_whose_image_is_not_made_yet_says_so(client: FlaskClient,
                                                           certificates: FakeCertificates) -> None:
    certificate_id = certificates.issue("demo-univ", "order-7", CODE, number="No. 0042", image=None)
    sign_in(client, "auditor@demo-univ.example")
    html = client.get(f"/demo-univ/certificates/{certificate_id}").get_data(as_text=True)
    assert "No. 0042" in html and "証明書の画像は準備中です。" in html and "data:image/png" not in html


def test_a_certificate_whose_image_will_never_be_made_says_so_and_what_to_tell_whoever_checks(
        client: FlaskClient, certificates: FakeCertificates) -> None:
    certificate_id = certificates.issue("demo-univ", "order-8", CODE, number="No. 0043", image=b"")
    sign_in(client, "auditor@demo-univ.example")
    html = client.get(f"/demo-univ/certificates/{certificate_id}").get_data(as_text=True)
    assert "No. 0043" in html and "この証明書の画像はありません。" in html and "ShomeiPrintPreviewsUnavailable" in html
    assert "準備中" not in html and "data:image/png" not in html
