"""Certificates as issuing leaves them: rows inserted straight into print-gateway's `certificates`
table, so verification is tested without the issuing flow (built beside it)."""

from __future__ import annotations

import io
import itertools
import uuid
from datetime import UTC, date, datetime
from typing import Any

from PIL import Image
from sqlalchemy import Engine, insert

from shomei_print_gateway.adapters.tables import certificates
from shomei_print_gateway.domain.certificate import new_verification_code


def page_png(colour: tuple[int, int, int] = (240, 240, 230)) -> bytes:
    """A small stand-in for the first page's image."""
    output = io.BytesIO()
    Image.new("RGB", (60, 85), colour).save(output, format="PNG")
    return output.getvalue()


# One certificate per order, line and copy (migration 0007): rows of one order are its copies 1, 2, …
_COPIES = itertools.count(1)


def certificate_row(tenant_id: str = "demo-univ", **changes: Any) -> dict[str, Any]:
    issued_on: date = changes.pop("issued_on", date(2026, 4, 1))
    return {"certificate_id": str(uuid.uuid4()), "tenant_id": tenant_id, "order_id": "order-1",
            "account_id": "account-1", "student_number": "L08001", "line_index": 0, "copy_number": next(_COPIES),
            "kind": "graduation", "language": "ja", "title": "卒業証明書", "holder_name": "証明 太郎",
            "issued_on": issued_on, "issued_at": datetime.combine(issued_on, datetime.min.time(), UTC),
            "certificate_number": f"No. {uuid.uuid4().hex[:10].upper()}",
            "verification_code": new_verification_code(), "pages": 1, "preview_png": page_png(), **changes}


def insert_certificate(engine: Engine, tenant_id: str = "demo-univ", **changes: Any) -> dict[str, Any]:
    row = certificate_row(tenant_id, **changes)
    with engine.begin() as conn:
        conn.execute(insert(certificates).values(**row))
    return row
