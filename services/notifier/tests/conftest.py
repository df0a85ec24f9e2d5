"""Sample events of every type the notifier mails for, as the contract describes them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from shomei_notifier.adapters.event_schemas import VERSIONS
from shomei_shared.messaging.envelope import Envelope

TENANT = "demo-univ"
EXPIRES_AT = "2026-11-24T05:30:00+00:00"  # 14:30 in Tokyo
ACCOUNT_ID = "5d0c9a4e-0000-4000-8000-000000000001"

# (event type, payload) for each mail-sending event; secrets stay behind secret_ref.
SAMPLE_PAYLOADS: dict[str, dict[str, Any]] = {
    "RegistrationStarted": {"email": "new@example.jp", "locale": "ja", "secret_ref": "ref-registration",
                            "expires_at": EXPIRES_AT},
    "AccountActivated": {"email": "grad@example.jp", "locale": "ja", "application_id": "app-1",
                         "secret_ref": "ref-initial-password", "expires_at": EXPIRES_AT,
                         "login_url": "http://127.0.0.1:58080/demo-univ/login"},
    "PasswordChanged": {},
    "SecondPasswordChanged": {},
    "EmailChangeRequested": {"new_email": "renamed@example.jp", "locale": "ja", "secret_ref": "ref-email-change",
                             "expires_at": EXPIRES_AT},
    "EmailChanged": {"old_email": "grad@example.jp", "new_email": "renamed@example.jp"},
    "PasswordResetRequested": {"email": "grad@example.jp", "locale": "ja", "secret_ref": "ref-reset",
                               "expires_at": EXPIRES_AT},
    "PasswordReset": {},
    "StudentNumberAdditionRequested": {"email": "grad@example.jp", "locale": "ja", "secret_ref": "ref-add-number",
                                       "expires_at": EXPIRES_AT},
    "LoginLockedOut": {"until": EXPIRES_AT},
    "ApplicationSubmitted": {"registration_id": "reg-1", "email": "new@example.jp", "locale": "ja",
                             "kind": "registration", "account_id": None},
    "ApplicationApproved": {"registration_id": "reg-1", "email": "grad@example.jp", "locale": "ja",
                            "kind": "student_number", "account_id": ACCOUNT_ID, "graduate_id": "g-1",
                            "student_number": "B1234567"},
    "ApplicationRejected": {"email": "new@example.jp", "locale": "ja", "kind": "registration",
                            "reason": "本人確認書類の画像が不鮮明です"},
    "ResubmissionRequested": {"email": "new@example.jp", "locale": "ja", "kind": "registration",
                              "reason": "卒業年月が未入力です", "secret_ref": "ref-resubmission",
                              "expires_at": EXPIRES_AT},
}

ORDER_ID = "ord-5d0c9a4e-0001"
PAYMENT_ID = "pay-5d0c9a4e-0001"
DEADLINE = "2026-11-30T14:59:59+00:00"  # Monday 30 November 2026, 23:59:59 in Tokyo
# Order and payment events (aggregates: the order, or payment's payment for payment's events).
ORDER_PAYLOADS: dict[str, dict[str, Any]] = {
    "OrderPlaced": {"account_id": ACCOUNT_ID, "student_number": "B1234567", "placed_at": "2026-11-24T04:00:00+00:00",
                    "lines": [{"type": "transcript", "name_ja": "成績証明書", "name_en": "Academic transcript",
                               "copies": 3, "fee": 500, "pages": 2},
                              {"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of graduation",
                               "copies": 1, "fee": 1000, "pages": 1}],
                    "usage_fee": 250, "total": 2750, "print_estimate": 140, "payment_method": "smartpit",
                    "print_channel": "netprint", "deadline": DEADLINE, "ends_at": "2026-11-30T15:00:00+00:00"},
    "PaymentOpened": {"order_id": ORDER_ID, "account_id": ACCOUNT_ID, "method": "smartpit", "amount": 2750,
                      "deadline": DEADLINE, "ends_at": "2026-11-30T15:00:00+00:00"},
    "SmartPitBillRegistered": {"smartpit_number": "1234567890123", "due": DEADLINE},
    "OrderPaid": {"amount": 2750, "paid_at": "2026-11-25T09:30:00+00:00", "payment_id": PAYMENT_ID},
    "OrderExpired": {"expired_at": "2026-11-30T15:00:00+00:00"},
    "OrderCancelled": {"by": "graduate", "cancelled_at": "2026-11-25T09:30:00+00:00"},
    "PaymentRefunded": {"order_id": ORDER_ID, "capture_id": "cap-1", "amount": 2750, "reason": "refunded",
                        "refunded_at": "2026-12-02T01:00:00+00:00"},
    "PrintReservationIssued": {"print_channel": "netprint", "deadline": DEADLINE,
                               "issued_at": "2026-11-25T09:31:00+00:00", "print_estimate": 60,
                               "reservations": [{"number": "7KQ4M3XD", "certificate_ids": ["c-1"], "pages": 1},
                                                {"number": "9PAC3TRY", "certificate_ids": ["c-2"], "pages": 2}]},
    "PrintReservationFailed": {"reason": "provider_unavailable", "attempts": 9,
                               "failed_at": "2026-11-25T10:31:00+00:00"},
    "PrintReservationExpired": {"numbers": ["7KQ4M3XD", "9PAC3TRY"], "expired_at": "2026-11-30T15:00:00+00:00"},
    "PrintOrderFulfilled": {"fulfilled_at": "2026-11-26T03:00:00+00:00"},
}
PAYMENT_EVENTS = frozenset({"PaymentOpened", "SmartPitBillRegistered", "PaymentRefunded"})

SECRET_VALUES = {
    "ref-registration": ("one_time_url", "http://127.0.0.1:58080/demo-univ/register/verify?token=reg-TOKEN-0001"),
    "ref-initial-password": ("initial_password", "Init1alPassW0rd"),
    "ref-email-change": ("one_time_url", "http://127.0.0.1:58080/demo-univ/account/email/confirm?token=mail-TOKEN-0002"),
    "ref-reset": ("one_time_url", "http://127.0.0.1:58080/demo-univ/password/reset?token=reset-TOKEN-0003"),
    "ref-add-number": ("one_time_url", "http://127.0.0.1:58080/demo-univ/account/student-numbers/request?token=add-TOKEN-4"),
    # Sealed at enrollment, not identity (ADR 0023).
    "ref-resubmission": ("resubmission_url", "http://127.0.0.1:58080/demo-univ/register/resubmit?token=resub-TOKEN-5"),
}


@pytest.fixture
def make_envelope() -> Callable[..., Envelope]:
    def make(event_type: str, aggregate_id: str | None = None, **overrides: Any) -> Envelope:
        if aggregate_id is None:
            order_aggregate = PAYMENT_ID if event_type in PAYMENT_EVENTS else ORDER_ID
            aggregate_id = order_aggregate if event_type in ORDER_PAYLOADS else ACCOUNT_ID
        payload = {**{**SAMPLE_PAYLOADS, **ORDER_PAYLOADS}[event_type], **overrides}
        return Envelope(type=event_type, version=VERSIONS.get(event_type, 1), tenant_id=TENANT,
                        aggregate_id=aggregate_id, aggregate_version=1, payload=payload, message_id=str(uuid.uuid4()),
                        occurred_at=datetime(2026, 11, 24, 4, 0, tzinfo=UTC))

    return make


@pytest.fixture
def secret_values() -> dict[str, tuple[str, str]]:
    """secret_ref → (kind, value) as identity would redeem them."""
    return dict(SECRET_VALUES)


@pytest.fixture
def mail_event_types() -> list[str]:
    return list(SAMPLE_PAYLOADS)
