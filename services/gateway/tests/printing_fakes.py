"""In-memory print-gateway for the gateway's tests; tests/integration/test_gateway_printing_contract.py
holds it and the HTTP adapter against the real print-gateway (and the store-print simulators) to
the same cases. What happens between payment and the numbers, and at the store's machine, is the
test's to say: `hear`, `issue`, `print_all`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime

from shomei_gateway.service_layer.printing import PrintCopy, PrintReservation, PrintView

STORES = {"netprint": {"ja": "セブン-イレブン", "en": "7-Eleven"},
          "sharp": {"ja": "ファミリーマート・ローソン", "en": "FamilyMart, Lawson"}}
STEPS = ({"ja": "マルチコピー機で番号を入力します。", "en": "Enter the number at the multi-copy machine."},)


@dataclass
class FakePrinting:
    views: dict[str, tuple[str, str, PrintView]] = field(default_factory=dict)  # order → (tenant, account, view)

    def hear(self, tenant_id: str, account_id: str, order_id: str, channel: str, deadline: datetime,
             titles: list[str]) -> None:
        """ordering's OrderPlaced and OrderPaid heard: waiting for the numbers."""
        view = PrintView("waiting", channel, STORES[channel], deadline, (), STEPS)
        self.views[order_id] = (tenant_id, account_id, view)
        self._titles = titles

    def issue(self, order_id: str) -> None:
        tenant, account, view = self.views[order_id]
        copies = [PrintCopy(title, n, False) for title in self._titles for n in (1,)]
        if view.print_channel == "netprint":
            reservations = tuple(PrintReservation(secrets.token_hex(4).upper(), (c,)) for c in copies)
        else:
            reservations = (PrintReservation("".join(secrets.choice("0123456789") for _ in range(10)), tuple(copies)),)
        # A page a certificate at 20 yen a page: what the contract test's real side quotes.
        self.views[order_id] = (tenant, account, replace(view, status="issued", reservations=reservations,
                                                         print_estimate=20 * len(copies)))

    def print_all(self, order_id: str) -> None:
        tenant, account, view = self.views[order_id]
        reservations = tuple(replace(r, copies=tuple(replace(c, printed=True) for c in r.copies))
                             for r in view.reservations)
        self.views[order_id] = (tenant, account, replace(view, status="fulfilled", reservations=reservations))

    def printing(self, tenant_id: str, account_id: str, order_id: str) -> PrintView | None:
        found = self.views.get(order_id)
        if found is None or found[:2] != (tenant_id, account_id):
            return None
        return found[2]
