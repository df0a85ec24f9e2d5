"""print-gateway's domain rules: which template a line prints, the mix-up guard's reading, and a
print order's copies printed once, fulfilled once, expired once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shomei_print_gateway.domain.mixup import Expected, mismatches
from shomei_print_gateway.domain.print_order import PrintOrder
from shomei_print_gateway.domain.templates import Template, template_of

AT = datetime(2026, 4, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("line", "template"), [
    ({"type": "graduation"}, Template("graduation", "ja")),
    ({"type": "transcript_en"}, Template("transcript", "en")),
    ({"type": "shomei_custom", "template": "degree", "language": "en"}, Template("degree", "en")),
    ({"type": "graduation_en", "language": "ja"}, Template("graduation", "ja")),  # the line says
    ({"type": "seal_only"}, None),
])
def test_a_lines_template_is_its_own_or_follows_from_its_code(line: dict[str, str], template: Template | None
                                                               ) -> None:
    assert template_of(line) == template


def test_the_guard_finds_the_holder_in_text_with_any_spacing_and_width() -> None:
    expected = Expected("佐藤 花子", "L08001", "7KQ4-M2XD-9P3F-WA6T")
    assert mismatches("氏名：佐藤　花子\n学籍番号：Ｌ０８００１\n確認コード：7KQ4-M2XD-\n9P3F-WA6T", expected) == []
    assert mismatches("氏名：鈴木 一郎 学籍番号：L08001 7KQ4-M2XD-9P3F-WA6T", expected) == ["holder_name"]
    assert mismatches("佐藤 花子 L08002 7KQ4-M2XD-9P3F-WA6T", expected) == ["student_number"]
    assert mismatches("", Expected("", "", "")) == ["holder_name", "student_number", "verification_code"]


def issued() -> PrintOrder:
    order = PrintOrder("order-1", "demo-univ")
    order.issued("netprint", [{"number": "AAAA3333", "certificate_ids": ["c1"]},
                              {"number": "AAAA4444", "certificate_ids": ["c2"]}], AT, AT)
    return order


def test_each_copy_is_printed_once_and_the_order_fulfilled_when_all_are() -> None:
    order = issued()
    assert order.copy_printed("c1", "AAAA3333", AT)
    assert not order.copy_printed("c1", "AAAA3333", AT)  # printed again at the machine, or told twice
    assert not order.copy_printed("c9", "AAAA3333", AT)  # not this order's
    assert order.status == "issued"
    assert order.copy_printed("c2", "AAAA4444", AT)
    assert order.status == "fulfilled"
    assert [type(e).__name__ for e in order.pending][-2:] == ["CertificatePrinted", "PrintOrderFulfilled"]


def test_an_order_expires_once() -> None:
    order = issued()
    assert order.expire(AT)
    assert not order.expire(AT)
    assert order.status == "expired"
