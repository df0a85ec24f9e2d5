"""Running a command from a view. Its domain errors pass through: the app's handler
(`install_domain_errors` with identity's catalogue) turns them into the API's error responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shomei_shared.messages import Command
from shomei_shared.web.app import current_service


def run(command: Command) -> Any:
    return current_service().handle(command)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
