from __future__ import annotations

import pytest

from shomei_enrollment.domain.application import Application, Kind, Status
from shomei_enrollment.domain.events import (
    ApplicationApproved,
    ApplicationRejected,
    ApplicationResubmitted,
    ApplicationSubmitted,
    ResubmissionRequested,
)
from shomei_shared.errors import Conflict, InvalidInput, NotPermitted, Violation


def submitted() -> Application:
    application = Application.submit("app-1", "demo-univ", kind=Kind.REGISTRATION, email="a@example.jp",
                                     locale="ja", registration_id="reg-1")
    application.take_pending()
    return application


def test_submit_records_the_contract_payload() -> None:
    application = Application.submit("app-1", "demo-univ", kind=Kind.STUDENT_NUMBER, email="a@example.jp",
                                     locale="en", account_id="acc-1")
    [(version, event)] = application.take_pending()
    assert version == 1 and isinstance(event, ApplicationSubmitted)
    assert event.payload() == {"registration_id": None, "email": "a@example.jp", "locale": "en",
                               "kind": "student_number", "account_id": "acc-1"}


def test_kind_needs_its_owner() -> None:
    with pytest.raises(ValueError):
        Application.submit("x", "t", kind=Kind.REGISTRATION, email="a@example.jp", locale="ja")
    with pytest.raises(ValueError):
        Application.submit("x", "t", kind=Kind.STUDENT_NUMBER, email="a@example.jp", locale="ja")


def test_return_resubmit_then_approve() -> None:
    application = submitted()
    application.return_for_resubmission("demo-univ", " 画像が不鮮明です ")
    application.resubmit()
    application.approve("demo-univ", graduate_id="g-1", student_number="A1234")
    events = [e for _, e in application.take_pending()]
    assert [type(e) for e in events] == [ResubmissionRequested, ApplicationResubmitted, ApplicationApproved]
    assert events[0].payload()["reason"] == "画像が不鮮明です"
    assert events[2].payload()["graduate_id"] == "g-1" and application.status is Status.APPROVED
    assert application.version == 4


def test_staff_of_another_tenant_may_not_decide() -> None:
    application = submitted()
    with pytest.raises(NotPermitted) as caught:
        application.approve("other-univ", graduate_id="g", student_number="1")
    assert caught.value.violations == (Violation("review_not_permitted", "tenant_id"),)
    with pytest.raises(NotPermitted):
        application.reject("other-univ", "no")
    assert application.pending == []


def test_decided_once_only_and_resubmit_only_when_returned() -> None:
    application = submitted()
    with pytest.raises(Conflict) as caught:
        application.resubmit()
    assert caught.value.first.code == "not_returned_for_resubmission"
    application.reject("demo-univ", "在籍記録がありません")
    assert isinstance(application.pending[-1], ApplicationRejected)
    with pytest.raises(Conflict) as caught:
        application.approve("demo-univ", graduate_id="g", student_number="1")
    assert caught.value.first.code == "not_awaiting_review"


def test_reason_and_student_number_are_required() -> None:
    application = submitted()
    with pytest.raises(InvalidInput) as caught:
        application.reject("demo-univ", "  ")
    assert caught.value.violations == (Violation("reason_length", "reason", {"max": 1000}),)
    with pytest.raises(InvalidInput) as caught:
        application.approve("demo-univ", graduate_id="g", student_number=" ")
    assert caught.value.violations == (Violation("student_number_to_link_required", "student_number"),)


def test_rebuilt_from_its_events() -> None:
    original = submitted()
    original.return_for_resubmission("demo-univ", "再提出してください")
    rebuilt = Application("app-1", "demo-univ")
    rebuilt.replay(ApplicationSubmitted(registration_id="reg-1", email="a@example.jp", locale="ja",
                                        kind="registration", account_id=None))
    for event in original.pending:
        rebuilt.replay(event)
    assert rebuilt.status is Status.RETURNED and rebuilt.registration_id == "reg-1"
