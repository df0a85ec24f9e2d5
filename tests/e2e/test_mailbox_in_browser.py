"""The mailbox page as a person uses it during `make run`: in real Chromium, with axe-core."""

from __future__ import annotations

import smtplib
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from werkzeug.serving import make_server

from shomei_devtools.paths import local_dir
from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import Mailbox
from shomei_simulators.mailbox.web import create_app


@pytest.fixture
def mailbox() -> Iterator[tuple[int, str]]:
    store = Mailbox()
    smtp = start_smtp_server(store, "127.0.0.1", 0)
    web = make_server("127.0.0.1", 0, create_app(store), threaded=True)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    yield smtp.port, f"http://127.0.0.1:{web.server_port}"
    web.shutdown()
    stop_smtp_server(smtp)


def send_confirmation(smtp_port: int) -> str:
    url = "http://127.0.0.1:58080/register/verify?token=abcDEF123"
    mail = EmailMessage()
    mail["From"] = "noreply@shomei.example"
    mail["To"] = "graduate@example.jp"
    mail["Subject"] = "【証明書発行サービス】メールアドレスの確認"
    mail.set_content(f"以下のURLを開いて登録を続けてください。\n{url}\n有効期限: 60分\n", charset="utf-8")
    with smtplib.SMTP("127.0.0.1", smtp_port) as client:
        client.send_message(mail)
    return url


def test_a_person_finds_the_mail_and_its_one_time_link(
    mailbox: tuple[int, str], page: Any, accessibility_violations: Any
) -> None:
    smtp_port, base = mailbox
    url = send_confirmation(smtp_port)
    page.goto(base + "/")
    page.get_by_text("【証明書発行サービス】メールアドレスの確認").click()
    link = page.get_by_role("link", name=url)
    assert link.get_attribute("href") == url
    screens = local_dir() / "test" / "screens"
    screens.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screens / "mailbox-message.png"), full_page=True)
    assert accessibility_violations(page) == []
    page.goto(base + "/")
    assert accessibility_violations(page) == []
