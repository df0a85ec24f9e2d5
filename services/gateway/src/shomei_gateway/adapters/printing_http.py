"""print-gateway's internal API behind the gateway's PrintingApi port. No call sends the tenant or
the account: print-gateway takes both from identity's assertion (ADR 0019)."""

from __future__ import annotations

from datetime import datetime

from shomei_gateway.adapters.identity_http import fields_as
from shomei_gateway.service_layer.ports import UpstreamError
from shomei_gateway.service_layer.printing import PrintCopy, PrintReservation, PrintView
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path


class HttpPrinting:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def printing(self, tenant_id: str, account_id: str, order_id: str) -> PrintView | None:
        try:
            with fields_as({}):
                found = self._client.call("GET", url_path("/internal/print-orders/{}", order_id))
        except UpstreamError as error:
            if error.status == 404:
                return None
            raise
        return PrintView(
            status=str(found["status"]), print_channel=str(found["print_channel"]), stores=dict(found["stores"]),
            deadline=datetime.fromisoformat(found["deadline"]),
            reservations=tuple(PrintReservation(str(r["number"]), tuple(
                PrintCopy(str(c["title"]), int(c["copy_number"]), bool(c["printed"])) for c in r["copies"]))
                for r in found["reservations"]),
            steps=tuple({"ja": str(s["ja"]), "en": str(s["en"])} for s in found["steps"]),
            print_estimate=None if found.get("print_estimate") is None else int(found["print_estimate"]))
