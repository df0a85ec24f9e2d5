"""What the service layer needs from the outside world; adapters implement these."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shomei_notifier.domain.delivery import Delivery
from shomei_notifier.domain.mail import Mail
from shomei_notifier.domain.orders import OrderFacts, OrderOwner
from shomei_notifier.domain.routing import Contact
from shomei_shared.uow import AbstractUnitOfWork


class TemporaryFailure(Exception):
    """Worth retrying later (SMTP or identity down, 4xx replies). The message names the failure
    kind only: it is stored in the delivery log."""


class PermanentFailure(Exception):
    """Retrying cannot help (secret expired or already deleted, address refused)."""


@dataclass(frozen=True)
class RedeemedSecret:
    kind: str
    value: str

    def __repr__(self) -> str:
        return f"RedeemedSecret(kind={self.kind!r}, value=<hidden>)"


class MailSender(Protocol):
    def send(self, mail: Mail) -> None:
        """Hand the mail to the relay; raises TemporaryFailure or PermanentFailure."""


class SecretsClient(Protocol):
    def redeem(self, secret_ref: str) -> RedeemedSecret:
        """The secret behind a reference; raises TemporaryFailure or PermanentFailure."""


class DeliveryLog(Protocol):
    """The delivery log and account contacts, inside one database transaction."""

    def add(self, delivery: Delivery) -> bool:
        """Record a delivery; False (and nothing written) if (event, template) is already there."""

    def count_recent(self, tenant_id: str, recipient: str, event_types: frozenset[str], since: datetime) -> int:
        """Deliveries to this address for these events recorded after `since`, suppressed ones not
        counted (a flood must not keep the owner's own registration from getting through)."""

    def claim_next_due(self, now: datetime) -> Delivery | None:
        """The oldest due delivery, locked for this transaction; others skip it."""

    def save(self, delivery: Delivery) -> None: ...

    def contact(self, tenant_id: str, account_id: str) -> Contact | None: ...

    def save_contact(self, tenant_id: str, account_id: str, contact: Contact) -> None: ...

    def remember_order(self, tenant_id: str, facts: OrderFacts) -> OrderOwner | None:
        """Keep what the event says about an order; the account that placed it and its amount
        (found by order or payment), or None when no event has named them yet."""

    def of_order(self, tenant_id: str, order_id: str) -> list[Delivery]:
        """The order's mails, resends included, oldest first."""

    def find(self, tenant_id: str, delivery_id: int) -> Delivery | None:
        """One of the tenant's deliveries; another tenant's is as missing as none."""

    def find_by_event(self, event_message_id: str, template_key: str) -> Delivery | None: ...

    def withdraw(self, tenant_id: str, order_id: str, template_key: str, reason: str) -> int:
        """Give up the order's open delivery of this template (recorded for its OrderPlaced);
        how many were withdrawn."""

    def withdraw_naming(self, tenant_id: str, order_id: str, template_key: str, reason: str) -> int:
        """Give up the open deliveries of this template whose variables name the order; how many."""


class NotifierUnitOfWork(AbstractUnitOfWork):
    deliveries: DeliveryLog


# Opens a transaction and yields the log bound to it; commits when the block ends normally.
OpenDeliveryLog = Callable[[], AbstractContextManager[DeliveryLog]]
