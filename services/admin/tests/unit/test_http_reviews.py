"""The enrollment adapter reads the staff API's answers as enrollment writes them (shapes from
services/enrollment's staff.py and queries.py) and asks with the filters it was given."""

from __future__ import annotations

from typing import Any, cast

from shomei_admin.adapters.http import HttpReviews
from shomei_admin.service_layer.ports import DecidedFilter, Document, PossibleDuplicate, StaffSession
from shomei_shared.web.client import InternalClient

STAFF = StaffSession("staff-1", "demo-univ", "reviewer@demo-univ.example", ("reviewer",))
ROW = {"id": "a1", "tenant_id": "demo-univ", "kind": "registration", "status": "submitted", "email": "taro@example.jp",
       "name_kanji": "山田　太郎", "name_katakana": "ヤマダ　タロウ", "student_number": "L08001",
       "submitted_at": "2026-04-14T00:30:00+00:00", "due_at": "2026-04-14T08:00:00+00:00",
       "decided_at": "2026-04-15T01:00:00+00:00"}


class Recorded:
    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        self.asked.append(path)
        return self.answers[path.split("?")[0].rsplit("/", 1)[-1]]


def test_queue_rows_carry_the_email_and_possible_duplicates() -> None:
    client = Recorded({"review-queue": {"applications": [{**ROW, "overdue": False, "possible_duplicates": [
        {"id": "a0", "status": "rejected", "name_kanji": "山田　太郎", "email": "TARO@example.jp",
         "reasons": ["same_email"]}]}]}})
    [item] = HttpReviews(cast(InternalClient, client)).queue(STAFF)
    assert item.email == "taro@example.jp"
    assert item.duplicates == (PossibleDuplicate("a0", "山田　太郎", "TARO@example.jp", "rejected", ("same_email",)),)
    assert client.asked == ["/internal/staff/review-queue"]  # the tenant is the assertion's (ADR 0019)


def test_decided_asks_with_the_filters_and_reads_the_page() -> None:
    client = Recorded({"decided-applications": {"applications": [{**ROW, "status": "approved"}], "total": 51,
                                                "page": 2, "per_page": 50}})
    found = HttpReviews(cast(InternalClient, client)).decided(STAFF, DecidedFilter(
        decision="approved", first_day="2026-04-01", text="山田 太郎", page=2))
    assert client.asked == ["/internal/staff/decided-applications?decision=approved&from=2026-04-01"
                            "&q=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E&page=2"]
    assert (found.total, found.page, found.pages, found.items[0].applicant_kana) == (51, 2, 2, "ヤマダ　タロウ")


def test_detail_keeps_each_image_side_and_the_catalogue_names_its_codes() -> None:
    detail = {**ROW, "applicant": {"name": {"kanji": "山田　太郎"}}, "document_type": "drivers_license",
              "documents": [{"id": "d1", "side": "front"}, {"id": "d2", "side": "back"}], "matches": []}
    catalogue = {"tenant_id": "demo-univ", "universities": [{"code": "shomei", "name_ja": "証明大学",
                                                              "name_en": "Shomei University", "faculties": [
        {"code": "lit", "name_ja": "文学部", "name_en": "Faculty of Letters", "departments": [
            {"code": "jpn", "name_ja": "日本文学科", "name_en": "Department of Japanese Literature"}]}]}]}
    reviews = HttpReviews(cast(InternalClient, Recorded({"a1": detail, "catalogue": catalogue})))
    assert reviews.detail(STAFF, "a1").documents == [Document("d1", "front"), Document("d2", "back")]
    names = reviews.catalogue(STAFF)
    assert names.departments[("shomei", "lit", "jpn")] == ("日本文学科", "Department of Japanese Literature")


def test_identifiers_are_one_quoted_segment_each() -> None:
    # An id that would climb to another endpoint, or add a query, stays one segment of this one.
    client = Recorded({"history": {"history": []}})
    HttpReviews(cast(InternalClient, client)).history(
        StaffSession("s", "demo-univ/../other-univ", "r@x.example", ("reviewer",)), "../a1/history?x=1#")
    assert client.asked == ["/internal/staff/applications/..%2Fa1%2Fhistory%3Fx%3D1%23/history"]  # tenant: assertion
