"""A request that fails inside the service logs its traceback, and the traceback holds none of
the request's secrets: SQL parameters are hidden and the record is masked as written (ADR 0023)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from shomei_shared.logs import configure_logging

from .conftest import AUTH

# PostgreSQL cannot store a NUL byte: the lookup of this id fails in the driver, after binding.
FORCED = "forced-secret-4711"


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure_logging("enrollment", stream=stream)
    yield stream
    logging.getLogger().handlers.clear()


def test_a_forced_error_logs_its_traceback_without_the_requests_secrets(client: FlaskClient,
                                                                        log_stream: io.StringIO) -> None:
    client.application.config["PROPAGATE_EXCEPTIONS"] = False  # answered as in production: a 500
    response = client.get(f"/internal/applications/{FORCED}%00?applicant_key=token%3D{FORCED}", headers=AUTH)
    assert response.status_code == 500
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    [failure] = [line for line in lines if line.get("exc_info")]
    assert "Traceback" in failure["exc_info"] and "[SQL: SELECT" in failure["exc_info"]
    assert "SQL parameters hidden" in failure["exc_info"]
    assert FORCED not in log_stream.getvalue()
