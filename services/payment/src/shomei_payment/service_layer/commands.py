"""Commands: what callers ask payment to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from shomei_shared.messages import Command


@dataclass(frozen=True)
class StartPayPalPayment(Command):
    """The graduate chose PayPal: a PayPal order for the order's total, answered with its approve link."""

    tenant_id: str
    account_id: str
    order_id: str
    return_url: str
    cancel_url: str


@dataclass(frozen=True)
class CapturePayPalPayment(Command):
    """The graduate came back from PayPal's approval page: capture (once)."""

    tenant_id: str
    account_id: str
    order_id: str
    token: str = ""  # PayPal's order id the browser came back with; when given, it must be this payment's


@dataclass(frozen=True)
class RefundPayment(Command):
    """A staff member gives (part of) a PayPal payment back; `request_key` is the form's, so a
    double click is one refund."""

    tenant_id: str
    staff_id: str
    payment_id: str
    request_key: str
    amount: int
    reason: str
    override_reason: str


@dataclass(frozen=True)
class ApplyPayPalWebhook(Command):
    """A webhook whose signature was verified: applied once per event id and per transmission."""

    transmission_id: str
    event: dict[str, Any]


@dataclass(frozen=True)
class RegisterSmartPitBill(Command):
    """The graduate chose Smart Pit: a bill for the order's total until its deadline (once)."""

    tenant_id: str
    account_id: str
    order_id: str


@dataclass(frozen=True)
class ApplySmartPitNotice(Command):
    """A notice whose signature was verified: applied once per notice id."""

    notice: dict[str, Any]


@dataclass(frozen=True)
class ReconcilePayPal(Command):
    """Ask PayPal about payments left approved or pending for `older_than` (a browser closed before
    returning, a webhook lost) and settle them as PayPal says."""

    older_than: timedelta
    limit: int = 100
