"""Each event, handled as the consumer handles it, becomes exactly the expected mail in the
mailbox simulator, sent over real SMTP by the dispatcher."""

from __future__ import annotations

from collections.abc import Callable
from email.header import decode_header, make_header

import pytest
from sqlalchemy import Engine, text

from shomei_notifier.service_layer.dispatching import Dispatcher
from shomei_shared.messaging.envelope import Envelope

# event type: (recipient, subject, facts in the body)
GW = "http://127.0.0.1:58080/demo-univ/"
S = "【証明大学 証明書発行サービス】"  # every subject names the university
EXPECTED: dict[str, tuple[str, str, list[str]]] = {
    "RegistrationStarted": ("new@example.jp", S + "メールアドレスの確認",
                            [GW + "register/verify?token=reg-TOKEN-0001", "2026年11月24日 14:30"]),
    "AccountActivated": ("grad@example.jp", S + "利用申請結果のお知らせ",
                         ["初回パスワード： Init1alPassW0rd", GW + "login"]),
    "PasswordChanged": ("grad@example.jp", S + "パスワード変更のお知らせ",
                        ["パスワードが変更されました"]),
    "SecondPasswordChanged": ("grad@example.jp", S + "第2パスワード変更のお知らせ",
                              ["第2パスワードが変更されました"]),
    "EmailChangeRequested": ("renamed@example.jp", S + "メールアドレス変更の確認",
                             [GW + "account/email/confirm?token=mail-TOKEN-0002"]),
    "EmailChanged": ("grad@example.jp", S + "メールアドレス変更のお知らせ",
                     ["変更されました"]),
    "PasswordResetRequested": ("grad@example.jp", S + "パスワードの再設定",
                               [GW + "password/reset?token=reset-TOKEN-0003"]),
    "PasswordReset": ("grad@example.jp", S + "パスワード再設定完了のお知らせ",
                      ["再設定されました"]),
    "StudentNumberAdditionRequested": ("grad@example.jp", S + "学籍番号追加",
                                       [GW + "account/student-numbers/request?token=add-TOKEN-4"]),
    "LoginLockedOut": ("grad@example.jp", S + "ログイン制限のお知らせ",
                       ["2026年11月24日 14:30"]),
    "ApplicationSubmitted": ("new@example.jp", S + "申請受付のお知らせ",
                             ["利用申請を受け付けました"]),
    "ApplicationApproved": ("grad@example.jp", S + "利用申請結果のお知らせ",
                            ["学籍番号：B1234567", "office@demo-univ.example"]),
    "ApplicationRejected": ("new@example.jp", S + "利用申請結果のお知らせ",
                            ["理由：本人確認書類の画像が不鮮明です"]),
    "ResubmissionRequested": ("new@example.jp", S + "利用申請結果のお知らせ",
                              ["http://127.0.0.1:58080/demo-univ/register/resubmit?token=resub-TOKEN-5"]),
}


def test_every_mail_event_is_covered(mail_event_types: list[str]) -> None:
    assert set(EXPECTED) == set(mail_event_types)


def test_each_event_becomes_exactly_its_mail(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server, engine: Engine,  # type: ignore[no-untyped-def]
) -> None:
    # One database for all 14 events keeps the suite fast; the account's contact comes from
    # AccountActivated, as in production, before the notices that carry no address.
    mailbox = mailbox_server.mailbox
    for event_type in ["AccountActivated", *[t for t in EXPECTED if t != "AccountActivated"]]:
        envelope = make_envelope(event_type)
        handle(envelope)
        attempted = dispatcher.dispatch_due()
        assert [d.status for d in attempted] == ["sent"], event_type
        [mail] = mailbox.list()
        recipient, subject, facts = EXPECTED[event_type]
        assert mail.envelope_to == (recipient,), event_type
        assert mail.subject == subject, event_type
        for fact in facts:
            assert fact in mail.text_body, (event_type, fact)
        assert "noreply@shomei.example" in mail.from_header
        assert "証明大学" in str(make_header(decode_header(mail.from_header))), event_type
        assert "◎このメールは送信専用メールです。" in mail.text_body
        mailbox.clear()
        if event_type == "EmailChanged":
            # Later notices go to the new address; put the old one back for the next expectations.
            handle(make_envelope("AccountActivated"))
            dispatcher.dispatch_due()
            mailbox.clear()
    with engine.connect() as connection:
        statuses = connection.execute(text("SELECT DISTINCT status FROM deliveries")).scalars().all()
    assert statuses == ["sent"]


def test_notices_follow_the_changed_address_and_the_accounts_language(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], dispatcher: Dispatcher,
    mailbox_server,  # type: ignore[no-untyped-def]
) -> None:
    handle(make_envelope("AccountActivated", locale="en"))
    handle(make_envelope("EmailChanged"))
    handle(make_envelope("PasswordChanged"))
    dispatcher.dispatch_due()
    by_subject = {m.subject: m for m in mailbox_server.mailbox.list()}
    tag = "[Shomei University Certificate Issuance Service] "  # the university's English name in English mails
    assert by_subject[tag + "Result of your application"].envelope_to == ("grad@example.jp",)
    assert by_subject[tag + "Your e-mail address was changed"].envelope_to == ("grad@example.jp",)
    assert by_subject[tag + "Your password was changed"].envelope_to == ("renamed@example.jp",)


def test_a_notice_for_an_unknown_account_fails_so_the_consumer_can_dead_letter_it(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
) -> None:
    with pytest.raises(LookupError):
        handle(make_envelope("PasswordChanged"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM deliveries")).scalar_one() == 0


def test_events_that_send_no_mail_are_ignored(
    make_envelope: Callable[..., Envelope], handle: Callable[[Envelope], None], engine: Engine,
) -> None:
    handle(Envelope(type="PasswordsSet", version=1, tenant_id="demo-univ", aggregate_id="a", aggregate_version=2,
                    payload={}))
    handle(make_envelope("ApplicationApproved", kind="registration", student_number=None))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM deliveries")).scalar_one() == 0
