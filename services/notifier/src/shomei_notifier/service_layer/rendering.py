"""Mails from the package's Jinja2 text templates: `templates/<language>/<template key>.txt`,
whose first line is the subject and the rest the body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from shomei_notifier.domain.mail import Language, Mail
from shomei_shared.web.tenancy import tenant_url

TOKYO = ZoneInfo("Asia/Tokyo")
# The From name reads "<university> <service>", so an inbox shows which university wrote.
SERVICE_NAME = {Language.JA: "証明書発行サービス", Language.EN: "Certificate Issuance Service"}


@dataclass(frozen=True)
class SiteLinks:
    """Public addresses that mails point to (the gateway), from settings; each under the
    university's /<tenant>/ prefix, so a link lands at the right university."""

    site_url: str = "http://127.0.0.1:58080"

    def login_url(self, tenant_id: str) -> str:
        return tenant_url(self.site_url, tenant_id, "/login")

    def forgot_password_url(self, tenant_id: str) -> str:
        return tenant_url(self.site_url, tenant_id, "/password/forgot")

    def student_number_url(self, tenant_id: str) -> str:
        return tenant_url(self.site_url, tenant_id, "/account/student-numbers/request")


def format_jst(value: str | datetime, language: Language) -> str:
    """An instant shown as a deadline in Asia/Tokyo, as the contract wants every deadline."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:  # events carry UTC; a naive value is read as UTC, never as local
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(TOKYO)
    if language is Language.JA:
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local:%d %B %Y, %H:%M} (JST)"


def format_deadline(value: str | datetime, language: Language) -> str:
    """An order's deadline with its weekday, in Japan time whatever the reader's zone:
    「2026年4月7日（火）23:59」, "Tuesday, 7 April 2026, 23:59 (Japan time)"."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(TOKYO)
    if language is Language.JA:
        return f"{format_date(local.date(), 'y年M月d日（E）', locale='ja')}{local:%H:%M}"
    return f"{format_date(local.date(), 'EEEE, d MMMM y', locale='en')}, {local:%H:%M} (Japan time)"


def format_yen(amount: int, language: Language) -> str:
    """「1,250円」, "¥1,250"."""
    digits = format_decimal(amount, locale=str(language))
    return f"{digits}円" if language is Language.JA else f"¥{digits}"


class MailRenderer:
    def __init__(self, links: SiteLinks | None = None) -> None:
        self._links = links or SiteLinks()
        # Plain-text mails: no HTML escaping; a missing variable is an error, not an empty hole.
        self._environment = Environment(
            loader=PackageLoader("shomei_notifier", "templates"),
            autoescape=False,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self._environment.filters["jst"] = _jst_filter
        self._environment.filters["deadline"] = _deadline_filter
        self._environment.filters["yen"] = _yen_filter

    def render(
        self,
        *,
        template_key: str,
        language: Language,
        to: str,
        message_id: str,
        university: str,
        variables: Mapping[str, Any],
        secrets: Mapping[str, str] | None = None,
        tenant_id: str,
        contact_email: str = "",
    ) -> Mail:
        template = self._environment.get_template(f"{language}/{template_key}.txt")
        context = {**variables, **(secrets or {}), "university": university, "language": language,
                   "contact_email": contact_email,
                   "student_number_url": self._links.student_number_url(tenant_id),
                   "login_page_url": self._links.login_url(tenant_id),
                   "forgot_password_url": self._links.forgot_password_url(tenant_id)}
        text = template.render(context)
        subject, _, body = text.partition("\n")
        return Mail(to=to, subject=subject.strip(), body=body.strip("\n") + "\n", language=language,
                    template_key=template_key, message_id=message_id,
                    sender_name=f"{university} {SERVICE_NAME[language]}")


@pass_context
def _jst_filter(context: Context, value: str | datetime) -> str:
    return format_jst(value, Language(context["language"]))


@pass_context
def _deadline_filter(context: Context, value: str | datetime) -> str:
    return format_deadline(value, Language(context["language"]))


@pass_context
def _yen_filter(context: Context, value: int) -> str:
    return format_yen(int(value), Language(context["language"]))
