"""Sending through an SMTP relay with smtplib; one connection per mail (mails are rare and a
long-lived connection would only go stale between them)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from shomei_notifier.domain.mail import Mail
from shomei_notifier.service_layer.ports import PermanentFailure, TemporaryFailure


@dataclass(frozen=True)
class SmtpConfig:
    host: str = "127.0.0.1"
    port: int = 58025
    security: str = "starttls"  # "none" (development only), "starttls" or "ssl"
    ca_file: str = ""  # empty: the system's trusted CAs
    username: str = ""
    password: str = ""
    timeout_s: float = 10.0
    from_address: str = "noreply@shomei.example"
    from_name: str = "証明書発行サービス"

    def __repr__(self) -> str:
        return f"SmtpConfig(host={self.host!r}, port={self.port}, security={self.security!r})"


def build_message(mail: Mail, config: SmtpConfig) -> EmailMessage:
    """UTF-8 text mail; EmailMessage encodes the Japanese subject as RFC 2047 words."""
    message = EmailMessage()
    message["From"] = Address(display_name=mail.sender_name or config.from_name, addr_spec=config.from_address)
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = mail.message_id
    message["Content-Language"] = str(mail.language)
    # A send-only sender: tell auto-responders not to answer (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body, charset="utf-8")
    return message


class SmtpSender:
    def __init__(self, config: SmtpConfig) -> None:
        self._config = config

    def send(self, mail: Mail) -> None:
        message = build_message(mail, self._config)
        try:
            with self._connect() as smtp:
                if self._config.username:
                    smtp.login(self._config.username, self._config.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise (PermanentFailure if all(c >= 500 for c in codes) else TemporaryFailure)(
                f"smtp_recipient_refused_{min(codes)}") from None
        except smtplib.SMTPResponseException as error:
            kind = PermanentFailure if 500 <= error.smtp_code < 600 else TemporaryFailure
            raise kind(f"smtp_{error.smtp_code}") from None
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            # Connection refused, timeouts, TLS problems: the relay may be back later.
            raise TemporaryFailure(f"smtp_unavailable_{type(error).__name__}") from None

    def _connect(self) -> smtplib.SMTP:
        config = self._config
        if config.security == "ssl":
            return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout_s, context=self._tls())
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
        if config.security == "starttls":
            try:
                # starttls() raises SMTPNotSupportedError when the relay does not offer it:
                # the mail waits rather than going out in clear text.
                smtp.starttls(context=self._tls())
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _tls(self) -> ssl.SSLContext:
        """Certificate and host name verified, as ssl's defaults do."""
        return ssl.create_default_context(cafile=self._config.ca_file or None)
