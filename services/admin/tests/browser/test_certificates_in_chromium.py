"""Verification in the console in real Chromium, checked by axe-core (ADR 0036): find a
certificate by its code as read aloud over the phone (with a mistyped one first), its page,
revoking it (an empty reason first, then a double click), and the verification log."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from certificate_fakes import FakeCertificates
from certificate_rows import page_png
from console_pages import looker, signed_in
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

CODE = "7KQ4-M2XD-9P3F-WA6T"


@pytest.fixture
def base_url(app: Flask, certificates: FakeCertificates) -> Iterator[str]:
    certificates.issue("demo-univ", "order-7", CODE, number="No. 0042", holder_name="証明 花子",
                       image=page_png((235, 235, 225)))
    certificates.looked_up("demo-univ", CODE, "DE", certificates.now)
    certificates.looked_up("demo-univ", "0000-0000-0000-0000", None, certificates.now + timedelta(minutes=5))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_find_a_certificate_revoke_it_and_read_the_log(browser: Any, accessibility_violations: Any, base_url: str,
                                                        certificates: FakeCertificates) -> None:
    page = signed_in(browser, base_url, "registrar@demo-univ.example")
    look, problems = looker(page, accessibility_violations)
    page.get_by_role("link", name="証明書の確認").click()
    page.get_by_label("確認コード").fill("7KQ4 M2XD 9P3F")  # a group short
    page.get_by_role("button", name="検索").click()
    expect(page.locator("#code-error")).to_contain_text("16")
    look("certificates-error")
    page.get_by_label("確認コード").fill("7kq4 m2xd 9p3f wa6t")
    page.get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("1件")
    look("certificates")
    page.get_by_role("link", name="No. 0042").click()
    expect(page.get_by_role("heading", name="証明書 No. 0042")).to_be_visible()
    look("certificate")
    page.get_by_role("button", name="取り消す").click()
    expect(page.locator("#reason-error")).to_have_text("入力してください。")
    look("certificate-revoke-error")
    page.get_by_label("取り消しの理由（確認ページに表示されます）").fill("氏名の誤記のため再発行")
    page.get_by_role("button", name="取り消す").dblclick()
    expect(page.get_by_role("status")).to_contain_text("取り消")
    expect(page.get_by_text("（理由: 氏名の誤記のため再発行）")).to_be_visible()
    look("certificate-revoked")
    [(_, detail)] = certificates.issued.values()
    assert [event.what for event in detail.history] == ["CertificateIssued", "CertificateRevoked"]
    page.goto(base_url + "/demo-univ/verifications")
    expect(page.get_by_role("cell", name="DE")).to_be_visible()
    look("verifications")
    assert problems == {}
