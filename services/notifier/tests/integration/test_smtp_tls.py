"""Mail leaves over TLS outside development: STARTTLS against a real aiosmtpd relay (the mailbox
simulator with a certificate from a test CA), and never in clear text when TLS is not offered."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from shomei_notifier import bootstrap
from shomei_notifier.adapters.smtp_sender import SmtpConfig, SmtpSender
from shomei_notifier.domain.mail import Language, Mail
from shomei_notifier.service_layer.ports import PermanentFailure, TemporaryFailure
from shomei_notifier.settings import NotifierSettings
from shomei_shared.settings import SettingsError
from shomei_simulators.mailbox.smtp import start_smtp_server, stop_smtp_server
from shomei_simulators.mailbox.store import Mailbox

MAIL = Mail(to="graduate@example.jp", subject="件名", body="https://gw/register/verify?token=s3cr3t\n",
            language=Language.JA, template_key="registration_confirmation", message_id="<tls-1@shomei.example>")

REAL_SECRETS = {"service_secret": "i" * 32, "kafka_password": "k" * 32}  # what production insists on


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def _relay(mailbox: Mailbox, tls: ssl.SSLContext | None) -> Iterator[int]:
    controller = start_smtp_server(mailbox, "127.0.0.1", 0, tls_context=tls)
    try:
        yield int(controller.port)
    finally:
        stop_smtp_server(controller)


@pytest.fixture
def tls_relay(ca: trustme.CA) -> Iterator[tuple[Mailbox, int]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    mailbox = Mailbox()
    for port in _relay(mailbox, context):
        yield mailbox, port


@pytest.fixture
def plain_relay() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    for port in _relay(mailbox, None):
        yield mailbox, port


def test_mail_goes_out_over_starttls_with_the_relays_certificate_verified(
        tls_relay: tuple[Mailbox, int], ca_file: str) -> None:
    mailbox, port = tls_relay
    settings = NotifierSettings(environment="production", **REAL_SECRETS, smtp_port=port,
                                smtp_security="starttls", smtp_ca_file=ca_file, smtp_timeout_s=5.0)
    SmtpSender(bootstrap.smtp_config(settings)).send(MAIL)
    assert [m.subject for m in mailbox.list()] == ["件名"]


def test_a_relay_whose_certificate_is_not_trusted_gets_nothing(tls_relay: tuple[Mailbox, int]) -> None:
    mailbox, port = tls_relay
    sender = SmtpSender(SmtpConfig(host="127.0.0.1", port=port, security="starttls", timeout_s=5.0))
    with pytest.raises(TemporaryFailure):
        sender.send(MAIL)  # the system's CAs do not know the test CA
    assert mailbox.list() == []


def test_a_relay_without_starttls_gets_nothing_rather_than_clear_text(
        plain_relay: tuple[Mailbox, int], ca_file: str) -> None:
    mailbox, port = plain_relay
    sender = SmtpSender(SmtpConfig(host="127.0.0.1", port=port, security="starttls", ca_file=ca_file,
                                   timeout_s=5.0))
    with pytest.raises(TemporaryFailure):
        sender.send(MAIL)
    assert mailbox.list() == []


def test_the_relay_refuses_mail_before_starttls(tls_relay: tuple[Mailbox, int]) -> None:
    mailbox, port = tls_relay
    sender = SmtpSender(SmtpConfig(host="127.0.0.1", port=port, security="none", timeout_s=5.0))
    with pytest.raises(PermanentFailure, match="smtp_530"):  # "must issue STARTTLS first"
        sender.send(MAIL)
    assert mailbox.list() == []


@pytest.mark.parametrize("environment", ["production", "staging"])
def test_settings_refuse_clear_text_smtp_outside_development(environment: str) -> None:
    with pytest.raises(SettingsError, match="smtp_security"):
        NotifierSettings(environment=environment, **REAL_SECRETS, smtp_security="none")
    assert NotifierSettings(environment=environment, **REAL_SECRETS).smtp_security == "starttls"
    assert NotifierSettings(environment="development", smtp_security="none").smtp_security == "none"
