"""The order and payment mails (issue 9) over real PostgreSQL and SMTP: each event, handled as the
consumer handles it, mails the contact of the account that placed the order, once; the reminder
waits in the delivery log until its time and is withdrawn once the order is paid, expired or
cancelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text

from shomei_notifier import bootstrap
from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_shared.clock import FakeClock
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.web.tenant_profiles import StaticTenantProfiles

S = "【証明大学 証明書発行サービス】"
REMINDER_TIME = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)  # 09:00 JST, two days before the deadline's day


def _activated(make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None],
               dispatcher: Dispatcher, mailbox_server, **overrides: object) -> None:  # type: ignore[no-untyped-def]
    handle(make_envelope("AccountActivated", **overrides))
    dispatcher.dispatch_due()
    mailbox_server.mailbox.clear()


def _mails(dispatcher: Dispatcher, mailbox_server) -> list:  # type: ignore[no-untyped-def, type-arg]
    dispatcher.dispatch_due()
    mails = mailbox_server.mailbox.list()
    mailbox_server.mailbox.clear()
    return mails  # type: ignore[no-any-return]


def _reminders(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        return [(r.status, r.last_error) for r in connection.execute(text(
            "SELECT status, last_error FROM deliveries WHERE template_key = 'payment_reminder'"))]


def test_a_smart_pit_order_mails_its_lines_its_number_its_payment_and_its_refund(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, clock: FakeClock, engine: Engine,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    handle(make_envelope("OrderPlaced"))
    [received] = _mails(dispatcher, mailbox_server)
    assert received.envelope_to == ("grad@example.jp",)
    assert received.subject == S + "証明書のお申し込みを受け付けました"
    for fact in ["成績証明書　500円 × 3通 ＝ 1,500円", "卒業証明書　1,000円 × 1通 ＝ 1,000円", "合計　2,750円",
                 "お支払い期限：2026年11月30日（月）23:59", "学籍番号：B1234567"]:
        assert fact in received.text_body, fact

    handle(make_envelope("PaymentOpened"))  # links payment to order: no mail
    handle(make_envelope("SmartPitBillRegistered"))
    [number] = _mails(dispatcher, mailbox_server)
    assert number.envelope_to == ("grad@example.jp",)
    assert "スマートピット番号：1234567890123" in number.text_body
    assert "お支払い金額：2,750円" in number.text_body  # the amount, kept from the order
    assert "申込券を30分以内にレジ" in number.text_body

    handle(make_envelope("OrderPaid"))
    [paid] = _mails(dispatcher, mailbox_server)
    assert paid.subject == S + "お支払い完了のお知らせ" and "お支払い金額：2,750円" in paid.text_body
    assert _reminders(engine) == [("given_up", "order_settled")]
    clock.set(REMINDER_TIME + timedelta(hours=1))
    assert _mails(dispatcher, mailbox_server) == []  # paid: no reminder

    handle(make_envelope("PaymentRefunded"))
    [refund] = _mails(dispatcher, mailbox_server)
    assert refund.subject == S + "返金のお知らせ" and "返金額：2,750円" in refund.text_body


def test_order_mails_follow_the_accounts_language_and_changed_address(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server, locale="en")
    handle(make_envelope("EmailChanged"))
    _mails(dispatcher, mailbox_server)
    handle(make_envelope("OrderPlaced", payment_method="paypal"))
    [received] = _mails(dispatcher, mailbox_server)
    assert received.envelope_to == ("renamed@example.jp",)
    assert "Your certificate order was received" in received.subject
    assert "Payment deadline: Monday, 30 November 2026, 23:59 (Japan time)" in received.text_body
    assert "Total: ¥2,750" in received.text_body


def test_the_reminder_is_sent_once_at_its_time_whatever_is_redelivered_or_restarted(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, clock: FakeClock, engine: Engine, settings, secrets,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    placed = make_envelope("OrderPlaced")
    handle(placed)
    assert len(_mails(dispatcher, mailbox_server)) == 1  # the order received, not yet its reminder
    handle(placed)  # Kafka delivers it again
    clock.set(REMINDER_TIME - timedelta(seconds=1))
    assert _mails(dispatcher, mailbox_server) == []
    clock.set(REMINDER_TIME)
    [reminder] = _mails(dispatcher, mailbox_server)
    assert reminder.subject == S + "お支払い期限が近づいています"
    assert "お支払い期限：2026年11月30日（月）23:59" in reminder.text_body
    assert "お支払い金額：2,750円" in reminder.text_body

    handle(placed)  # and again, after the reminder went out
    # A new dispatcher process: only the delivery log carries over.
    restarted = bootstrap.dispatcher(settings, engine, secrets=secrets, tenants=StaticTenantProfiles(),
                                     clock=clock, enrollment_secrets=secrets)
    clock.advance(timedelta(days=1))
    assert _mails(restarted, mailbox_server) == []
    handle(make_envelope("OrderExpired"))  # a reminder already sent stays sent
    [expired] = _mails(restarted, mailbox_server)
    assert expired.subject.endswith("お申し込みの期限切れのお知らせ")
    assert _reminders(engine) == [("sent", None)]


def test_a_cancelled_or_expired_order_withdraws_its_reminder(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, clock: FakeClock, engine: Engine,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    handle(make_envelope("OrderPlaced"))
    handle(make_envelope("OrderPlaced", aggregate_id="ord-2"))
    _mails(dispatcher, mailbox_server)
    handle(make_envelope("OrderCancelled"))
    handle(make_envelope("OrderExpired", aggregate_id="ord-2"))
    [expired] = _mails(dispatcher, mailbox_server)
    assert "無効になりました（2026年12月1日（火）00:00）" in expired.text_body
    clock.set(REMINDER_TIME + timedelta(hours=1))
    assert _mails(dispatcher, mailbox_server) == []
    assert _reminders(engine) == [("given_up", "order_settled"), ("given_up", "order_settled")]


def test_a_payment_heard_before_its_order_still_finds_the_graduate(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    # ordering.order and payment.payment are two topics: the consumer may read payment's first.
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    handle(make_envelope("PaymentOpened"))
    handle(make_envelope("SmartPitBillRegistered"))
    handle(make_envelope("OrderPlaced"))
    subjects = sorted(m.subject for m in _mails(dispatcher, mailbox_server))
    assert subjects == [S + "コンビニ払い（スマートピット番号）のお知らせ", S + "証明書のお申し込みを受け付けました"]


def test_an_order_heard_after_its_reminder_time_gets_no_reminder(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, clock: FakeClock, engine: Engine,  # type: ignore[no-untyped-def]
) -> None:
    # E.g. the consumer was down for days: a reminder now would come after its promised two days.
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    clock.set(REMINDER_TIME)
    handle(make_envelope("OrderPlaced"))
    [received] = _mails(dispatcher, mailbox_server)
    assert received.subject == S + "証明書のお申し込みを受け付けました"
    assert _reminders(engine) == []


def test_print_gateways_numbers_and_the_end_of_the_window_are_mailed_to_the_orders_account(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    handle(make_envelope("OrderPlaced"))
    _mails(dispatcher, mailbox_server)

    handle(make_envelope("PrintReservationIssued"))
    [numbers] = _mails(dispatcher, mailbox_server)
    assert numbers.envelope_to == ("grad@example.jp",)
    assert numbers.subject == S + "プリント予約番号のお知らせ"
    for fact in ["セブン-イレブン", "7KQ4M3XD", "9PAC3TRY", "印刷期限：2026年11月30日（月）23:59",
                 "プリント予約番号（8桁）", "印刷料金の目安：60円（全3ページ。"]:
        assert fact in numbers.text_body, fact

    # One heard at v1 (issued before pages were recorded): the numbers, without an estimate.
    v1 = make_envelope("PrintReservationIssued", reservations=[{"number": "7KQ4M3XD", "certificate_ids": ["c-1"]}])
    handle(replace(v1, version=1, payload={k: v for k, v in v1.payload.items() if k != "print_estimate"}))
    [older] = _mails(dispatcher, mailbox_server)
    assert "7KQ4M3XD" in older.text_body and "目安" not in older.text_body

    handle(make_envelope("PrintReservationFailed"))
    [failed] = _mails(dispatcher, mailbox_server)
    assert failed.subject == S + "印刷の登録についてのお知らせ" and "provider_unavailable" not in failed.text_body

    handle(make_envelope("PrintReservationExpired"))
    [ended] = _mails(dispatcher, mailbox_server)
    assert ended.subject == S + "印刷期限終了のお知らせ"


def _print_reminders(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        return [(r.status, r.last_error) for r in connection.execute(text(
            "SELECT status, last_error FROM deliveries WHERE template_key = 'print_reminder' ORDER BY id"))]


def test_the_print_reminder_goes_out_while_copies_are_unprinted_and_is_withdrawn_once_all_are(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, clock: FakeClock, engine: Engine,  # type: ignore[no-untyped-def]
) -> None:
    _activated(make_envelope, handle, dispatcher, mailbox_server)
    for order in (None, "ord-printed"):  # None: the sample order
        handle(make_envelope("OrderPlaced", aggregate_id=order))
        handle(make_envelope("OrderPaid", aggregate_id=order))
        handle(make_envelope("PrintReservationIssued", aggregate_id=order))
    _mails(dispatcher, mailbox_server)
    handle(make_envelope("PrintOrderFulfilled", aggregate_id="ord-printed"))  # every copy printed

    clock.set(REMINDER_TIME - timedelta(seconds=1))
    assert _mails(dispatcher, mailbox_server) == []
    clock.set(REMINDER_TIME)
    [reminder] = _mails(dispatcher, mailbox_server)
    assert reminder.subject == S + "印刷期限が近づいています" and "7KQ4M3XD" in reminder.text_body
    assert _print_reminders(engine) == [("sent", None), ("given_up", "print_settled")]
