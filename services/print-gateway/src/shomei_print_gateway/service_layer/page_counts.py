"""How many pages the university's certificates really ran to (issue 10): per template and
language, the certificates issued in the last 90 days and their least, median and most pages, as
rendering measured them. The console sets them beside the pages staff typed in the catalogue, which
the print estimate shown to graduates multiplies; only counts leave, never whose certificate."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork

# Long enough for a term's orders of a rarely ordered type, short enough that a changed template
# (a transcript's layout, a longer curriculum) shows within a season.
OBSERVED = timedelta(days=90)


def observed_pages(tenant_id: str, uow: PrintGatewayUnitOfWork, now: datetime) -> dict[str, Any]:
    with uow:
        rows = uow.certificates.page_counts(tenant_id, now - OBSERVED)
    return {"days": OBSERVED.days, "page_counts": [
        {"kind": row["kind"], "language": row["language"], "certificates": int(row["certificates"]),
         "least": int(row["least"]), "median": float(row["median"]), "most": int(row["most"])} for row in rows]}
