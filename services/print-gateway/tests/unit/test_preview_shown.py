"""What the public and staff see of a certificate's preview (ADR 0039): the image once the jobs
process made it; none, pending, until then; none, not pending, when its PDF was gone first; and
nothing of it once the retention period has passed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from shomei_print_gateway.domain.verification import RETENTION_PASSED, VALID, Retention
from shomei_print_gateway.service_layer.verification import public_view


def row(**changes: Any) -> dict[str, Any]:
    return {"verification_code": "7KQ4-M2XD-9P3F-WA6T", "tenant_id": "demo-univ", "kind": "graduation",
            "title": "卒業証明書", "language": "ja", "issued_on": date(2026, 4, 1), "holder_name": "証明 太郎",
            "certificate_number": "No. 0001", "preview_png": b"\x89PNG", "preview_unavailable_at": None, **changes}


def test_the_image_once_made() -> None:
    shown = public_view(row(), VALID, Retention())
    assert (shown["preview_png"], shown["preview_pending"]) == ("iVBORw==", False)


def test_no_image_yet_is_pending_and_the_facts_are_shown() -> None:
    shown = public_view(row(preview_png=None), VALID, Retention())
    assert (shown["preview_png"], shown["preview_pending"], shown["holder_name"]) == (None, True, "証明 太郎")


def test_no_image_ever_when_the_pdf_was_gone_first() -> None:
    shown = public_view(row(preview_png=None, preview_unavailable_at=datetime(2026, 4, 9, tzinfo=UTC)), VALID,
                        Retention())
    assert (shown["preview_png"], shown["preview_pending"]) == (None, False)


def test_after_the_retention_period_nothing_of_the_image() -> None:
    shown = public_view(row(preview_png=None), RETENTION_PASSED, Retention())
    assert "preview_png" not in shown and "preview_pending" not in shown
