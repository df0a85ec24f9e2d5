from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from shomei_shared.db import make_engine, migrate

MIGRATIONS = Path(__file__).parent / "migrations"


@pytest.fixture
def db_url(new_database: Callable[[str], str]) -> str:
    url = new_database("shared")
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=8)
    yield engine
    engine.dispose()
