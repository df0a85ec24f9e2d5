"""Column types the machinery's tables use. Kept apart from `tables` so that frozen migrations
(`eventstore.migration`) can name them without importing the live table definitions."""

from __future__ import annotations

from typing import Any

from sqlalchemy.types import UserDefinedType


class Xid8(UserDefinedType[str]):
    """PostgreSQL's 64-bit transaction id; read and written as text."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "xid8"
