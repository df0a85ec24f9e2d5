"""A failing statement's error, and so its log line, never carries the statement's values."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

SECRET = "sealed-secret-parameter-4711"


def test_a_failing_statement_logs_no_parameters(new_database: Callable[[str], str]) -> None:
    engine = make_engine(new_database("hide_parameters"))
    stream = io.StringIO()
    configure_logging("identity", stream=stream)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE vault (ref text PRIMARY KEY, value text, n integer)"))
            with pytest.raises(DBAPIError) as raised:
                # Fails after binding, with an error that does not quote the value itself.
                connection.execute(text("INSERT INTO vault VALUES ('r', :value, 1 / 0)"), {"value": SECRET})
            logging.getLogger("test").exception("statement failed", exc_info=raised.value)
    finally:
        engine.dispose()
    assert "INSERT INTO vault" in str(raised.value)
    assert "hidden due to hide_parameters" in str(raised.value)
    assert SECRET not in str(raised.value)
    assert "INSERT INTO vault" in stream.getvalue() and SECRET not in stream.getvalue()
