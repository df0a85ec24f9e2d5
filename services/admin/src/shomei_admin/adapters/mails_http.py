"""The notifier's staff API behind the console's MailsApi port: an order's mails and their
resends. The notifier takes the tenant and the staff member from identity's assertion (ADR 0019)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_admin.adapters.http import upstream
from shomei_admin.service_layer.ports import MailRecord, StaffSession
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


def _record(row: dict[str, Any]) -> MailRecord:
    return MailRecord(int(row["id"]), row["template_key"], row["recipient"], row["status"],
                      datetime.fromisoformat(row["created_at"]),
                      datetime.fromisoformat(row["sent_at"]) if row.get("sent_at") else None,
                      bool(row["resendable"]), row.get("resend_of"), row.get("requested_by"))


class HttpMails:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def mails(self, staff: StaffSession, order_id: str) -> list[MailRecord]:
        with upstream():
            found = self._client.call("GET", url_path("/internal/staff/orders/{}/mails", order_id))
        return [_record(row) for row in found["mails"]]

    def resend(self, staff: StaffSession, order_id: str, mail_id: int, request_key: str) -> MailRecord:
        with upstream():
            found = self._client.call("POST", url_path("/internal/staff/orders/{}/mails/{}/resends", order_id,
                                                       str(mail_id)), {"request_key": request_key})
        return _record(found["mail"])
