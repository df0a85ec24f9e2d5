"""Running a command from a view: domain errors become the contract's error responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app

from shomei_identity.domain import errors
from shomei_shared.messages import Command
from shomei_shared.service import Service
from shomei_shared.web.api import ApiError, FieldError
from shomei_shared.web.i18n import Text

_STATUS: dict[type[errors.IdentityError], int] = {
    errors.InvalidInput: 400,
    errors.CredentialsRefused: 401,
    errors.NotFound: 404,
    errors.Conflict: 409,
}


def run(command: Command) -> Any:
    identity: Service[Any] = current_app.extensions["identity"]
    try:
        return identity.handle(command)
    except errors.LockedOut as locked:
        raise _api_error(429, locked, {"Retry-After": str(locked.retry_after_seconds)}) from None
    except errors.IdentityError as error:
        raise _api_error(_STATUS[type(error)], error) from None


def _api_error(status: int, error: errors.IdentityError, headers: dict[str, str] | None = None) -> ApiError:
    return ApiError(status, *(FieldError(v.field, Text(v.ja, v.en)) for v in error.violations), headers=headers)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
