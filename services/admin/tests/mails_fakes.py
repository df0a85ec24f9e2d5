"""The notifier's staff mail API in memory, with its rules: any staff member lists an order's
mails; registrars and tenant admins resend a finished one, once per request key.
tests/integration/test_admin_mails_contract.py holds it and the HTTP adapter against the real
notifier to the same cases."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from shomei_admin.service_layer.ports import MailRecord, StaffSession, UpstreamError

NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
NOT_RESENDABLE = "このメールは再送できません（送信待ち、一度限りのURLを含む、または取り下げ済み）。"


@dataclass
class FakeMails:
    mails_of: dict[tuple[str, str], list[MailRecord]] = field(default_factory=dict)  # (tenant, order) → mails
    by_key: dict[tuple[int, str], MailRecord] = field(default_factory=dict)  # (first mail, request key) → resend
    now: datetime = NOW

    def add(self, tenant: str, order_id: str, template_key: str, status: str = "sent",
            resendable: bool = True) -> MailRecord:
        mail_id = 1 + sum(len(found) for found in self.mails_of.values())
        record = MailRecord(mail_id, template_key, "grad@example.jp", status, self.now,
                            self.now if status == "sent" else None, resendable)
        self.mails_of.setdefault((tenant, order_id), []).append(record)
        return record

    def mails(self, staff: StaffSession, order_id: str) -> list[MailRecord]:
        return list(self.mails_of.get((staff.tenant_id, order_id), []))

    def resend(self, staff: StaffSession, order_id: str, mail_id: int, request_key: str) -> MailRecord:
        if not staff.may("registrar"):
            raise UpstreamError(403, {"_request": "forbidden"})
        found = [mail for mail in self.mails(staff, order_id) if mail.mail_id == mail_id]
        if not found:
            raise UpstreamError(404, {"mail_id": "このメールは見つかりません。"})
        first = found[0].resend_of or found[0].mail_id
        if (first, request_key) in self.by_key:
            return self.by_key[(first, request_key)]
        if not found[0].resendable:
            raise UpstreamError(409, {"mail_id": NOT_RESENDABLE})
        again = replace(self.add(staff.tenant_id, order_id, found[0].template_key, status="pending",
                                 resendable=False), resend_of=first, requested_by=staff.staff_id)
        self.mails_of[(staff.tenant_id, order_id)][-1] = again
        self.by_key[(first, request_key)] = again
        return again
