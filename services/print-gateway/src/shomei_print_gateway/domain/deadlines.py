"""The calendar print-gateway counts in: Asia/Tokyo's, whatever the server's zone (rule 5)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo_date(moment: datetime) -> date:
    return moment.astimezone(TOKYO).date()
