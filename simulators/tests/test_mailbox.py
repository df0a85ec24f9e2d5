"""Mailbox simulator tests: real SMTP over a socket, real HTTP for the CLI."""

import json
import re
import signal
import smtplib
import sys
import urllib.request
from collections.abc import Iterator
from email.header import Header
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import MESSAGES_FILE_NAME, Mailbox
from shomei_simulators.mailbox.urls import find_urls
from shomei_simulators.mailbox.web import create_app
from shomei_simulators.testing import started

HOST = "127.0.0.1"
SENDER = "noreply@shomei.example"


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def smtp_port(mailbox: Mailbox) -> Iterator[int]:
    controller = start_smtp_server(mailbox, HOST, 0)
    yield controller.port
    stop_smtp_server(controller)


@pytest.fixture
def client(mailbox: Mailbox) -> FlaskClient:
    return create_app(mailbox).test_client()


def send_raw(port: int, raw: bytes, to: list[str], sender: str = SENDER) -> None:
    with smtplib.SMTP(HOST, port, timeout=10) as smtp:
        smtp.sendmail(sender, to, raw)


def send(port: int, message: EmailMessage) -> None:
    with smtplib.SMTP(HOST, port, timeout=10) as smtp:
        smtp.send_message(message)


def simple_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def test_plain_ascii_mail(mailbox: Mailbox, smtp_port: int) -> None:
    send(smtp_port, simple_message("alice@example.com", "Hello", "Hi Alice,\nbye.\n"))

    [message] = mailbox.list()
    assert message.envelope_from == SENDER
    assert message.envelope_to == ("alice@example.com",)
    assert message.from_header == SENDER
    assert message.to_header == "alice@example.com"
    assert message.subject == "Hello"
    assert message.text_body == "Hi Alice,\nbye.\n"
    assert message.html_body is None
    assert message.urls == ()
    assert re.fullmatch(r"[0-9a-f]{32}", message.id)
    assert message.received_at.endswith("+00:00")


def test_japanese_iso_2022_jp_mail(mailbox: Mailbox, smtp_port: int) -> None:
    subject = "利用申請結果のお知らせ"
    url = "https://shomei.example/issue/confirm?token=abc123XYZ&lang=ja"
    body = (
        "山田 太郎 様\n\n"
        "利用申請の審査が完了しました。\n"
        f"次のURLから証明書を受け取ってください：{url}\n"
        "（有効期限は24時間です）\n"
    )
    headers = (
        f"From: {Header('証明書発行センター', 'iso-2022-jp').encode()} <{SENDER}>\r\n"
        "To: taro@example.jp\r\n"
        f"Subject: {Header(subject, 'iso-2022-jp').encode()}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
        "Content-Transfer-Encoding: 7bit\r\n\r\n"
    )
    assert "=?iso-2022-jp?b?" in headers  # the subject really travels encoded
    raw = headers.encode("ascii") + body.replace("\n", "\r\n").encode("iso-2022-jp")

    send_raw(smtp_port, raw, ["taro@example.jp"])

    [message] = mailbox.list()
    assert message.subject == subject
    assert message.from_header == f"証明書発行センター <{SENDER}>"
    assert message.text_body == body
    assert message.urls == (url,)


def test_multipart_text_and_html(mailbox: Mailbox, smtp_port: int) -> None:
    message = simple_message(
        "hanako@example.jp",
        "証明書を発行しました",  # EmailMessage sends this UTF-8 B/Q-encoded
        "証明書はこちら: https://shomei.example/certs/42\n",
    )
    message.add_alternative(
        '<p>証明書は<a href="https://shomei.example/certs/42">こちら</a></p>\n',
        subtype="html",
    )

    send(smtp_port, message)

    [stored] = mailbox.list()
    assert stored.subject == "証明書を発行しました"
    assert stored.text_body == "証明書はこちら: https://shomei.example/certs/42\n"
    assert (
        stored.html_body
        == '<p>証明書は<a href="https://shomei.example/certs/42">こちら</a></p>\n'
    )
    assert stored.urls == ("https://shomei.example/certs/42",)


def test_multiple_recipients_and_to_filter(smtp_port: int, client: FlaskClient) -> None:
    team = ["a@example.jp", "B@Example.JP", "c@example.jp"]
    send_raw(smtp_port, simple_message(", ".join(team), "team", "x\n").as_bytes(), team)
    send(smtp_port, simple_message("solo@example.jp", "solo", "y\n"))

    everything = client.get("/api/messages").get_json()
    assert [m["subject"] for m in everything] == ["solo", "team"]  # newest first
    assert everything[1]["envelope_to"] == team

    def subjects_to(address: str) -> list[str]:
        found = client.get("/api/messages", query_string={"to": address}).get_json()
        return [m["subject"] for m in found]

    assert subjects_to("b@example.jp") == ["team"]
    assert subjects_to("SOLO@example.jp") == ["solo"]
    assert subjects_to("example.jp") == []  # exact address, not a substring


def test_persistence_across_reload(tmp_path: Path) -> None:
    first = Mailbox(data_dir=tmp_path)
    controller = start_smtp_server(first, HOST, 0)
    try:
        send(
            controller.port,
            simple_message("taro@example.jp", "永続化", "https://a.example/1\n"),
        )
    finally:
        stop_smtp_server(controller)

    reloaded = Mailbox(data_dir=tmp_path)
    assert [m.to_dict() for m in reloaded.list()] == [m.to_dict() for m in first.list()]
    assert reloaded.list()[0].subject == "永続化"

    reloaded.clear()
    assert Mailbox(data_dir=tmp_path).list() == []


def test_torn_last_line_does_not_prevent_start(tmp_path: Path) -> None:
    Mailbox(data_dir=tmp_path).add(
        simple_message("a@x.jp", "kept", "z\n").as_bytes(), SENDER, ["a@x.jp"]
    )
    with (tmp_path / MESSAGES_FILE_NAME).open("a", encoding="utf-8") as out:
        out.write('{"id": "trunc')

    assert [m.subject for m in Mailbox(data_dir=tmp_path).list()] == ["kept"]


def test_html_pages_escape_mail_content(
    mailbox: Mailbox, smtp_port: int, client: FlaskClient
) -> None:
    message = simple_message(
        "victim@example.jp",
        "<script>alert('subject')</script>",
        '<script>alert("body")</script>\nhttps://example.jp/a?x=1&y=2\n',
    )
    message.add_alternative("<script>alert('html')</script>", subtype="html")
    send(smtp_port, message)
    [stored] = mailbox.list()

    index = client.get("/").get_data(as_text=True)
    detail = client.get(f"/messages/{stored.id}").get_data(as_text=True)

    for page in (index, detail):
        assert "<script>" not in page
        assert "&lt;script&gt;" in page
    assert f'href="/messages/{stored.id}"' in index
    assert '<a href="https://example.jp/a?x=1&amp;y=2"' in detail


def test_unknown_id_is_404(client: FlaskClient) -> None:
    api = client.get("/api/messages/does-not-exist")
    assert api.status_code == 404
    assert api.get_json() == {"error": "not found", "id": "does-not-exist"}
    assert client.get("/messages/does-not-exist").status_code == 404


def test_get_one_and_clear(smtp_port: int, client: FlaskClient) -> None:
    send(smtp_port, simple_message("a@example.jp", "one", "1\n"))
    [listed] = client.get("/api/messages").get_json()
    assert client.get(f"/api/messages/{listed['id']}").get_json() == listed

    response = client.delete("/api/messages")

    assert response.status_code == 204
    assert client.get("/api/messages").get_json() == []
    assert client.get(f"/api/messages/{listed['id']}").status_code == 404


def test_healthz(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("（https://a.example/x）", ["https://a.example/x"]),
        ("see https://a.example/x.", ["https://a.example/x"]),
        ("(see https://a.example/x)", ["https://a.example/x"]),
        ("https://a.example/wiki/A_(B)", ["https://a.example/wiki/A_(B)"]),
        ("http://a.example/ http://a.example/ twice", ["http://a.example/"]),
        ("ftp://a.example/ and https:// alone", []),
    ],
)
def test_find_urls(text: str, urls: list[str]) -> None:
    assert find_urls(text) == urls


def test_cli_serves_smtp_and_http_and_stops_on_sigterm(tmp_path: Path) -> None:
    stderr_path = tmp_path / "stderr.log"
    argv = [sys.executable, "-m", "shomei_simulators.mailbox", "--smtp-port", "0", "--http-port", "0",
            "--data-dir", str(tmp_path / "data")]
    with started(argv, stderr_path) as (process, banner):
        found = re.search(
            r"SMTP on [\d.]+:(\d+), web page at (http://[\d.]+:\d+/)", banner
        )
        assert found, banner
        smtp_port, base_url = int(found.group(1)), found.group(2)

        send(
            smtp_port,
            simple_message("cli@example.jp", "CLI 経由", "https://a.example/cli\n"),
        )
        with urllib.request.urlopen(base_url + "api/messages", timeout=10) as response:
            messages = json.load(response)
        assert [(m["subject"], m["urls"]) for m in messages] == [
            ("CLI 経由", ["https://a.example/cli"])
        ]

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0, stderr_path.read_text()
