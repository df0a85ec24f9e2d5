"""Pieces of a provider API: error shape, down mode, credentials, expiry field."""

import hmac
import time
from collections.abc import Callable
from datetime import datetime

from flask import Flask, Response, jsonify, request

from shomei_simulators.storeprint.clock import parse_moment
from shomei_simulators.storeprint.documents import Rejection, UploadRejected
from shomei_simulators.storeprint.outage import OutageMode
from shomei_simulators.storeprint.simulator import MAX_LIFETIME, StorePrint

API_PREFIX = "/api/"

# Answers whether the current request carries the provider's credentials.
Authorise = Callable[[], bool]


def error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status


def rejected(failure: UploadRejected) -> tuple[Response, int]:
    status = 413 if failure.code is Rejection.TOO_LARGE else 400
    return error(status, str(failure.code), failure.detail)


def parse_expiry(value: str | None, now: datetime) -> datetime:
    if not value:
        raise UploadRejected(Rejection.BAD_EXPIRY, "the expiry time is required")
    try:
        moment = parse_moment(value)
    except ValueError as failure:
        raise UploadRejected(
            Rejection.BAD_EXPIRY, f"not an ISO 8601 time: {failure}"
        ) from None
    if moment <= now or moment > now + MAX_LIFETIME:
        raise UploadRejected(
            Rejection.BAD_EXPIRY,
            "the expiry time must be in the future, within 30 days",
        )
    return moment


def guard_api(app: Flask, simulator: StorePrint, authorised: Authorise) -> None:
    """Down mode first (a down provider checks no password), then credentials."""

    @app.before_request
    def outage_and_credentials() -> tuple[Response, int] | None:
        if not request.path.startswith(API_PREFIX):
            return None
        outage = simulator.outage.take()
        if outage is not None:
            if outage.mode is OutageMode.TIMEOUT:
                # Long enough that the caller's own timeout fires first.
                time.sleep(outage.hang_seconds)
            return error(503, "unavailable", "the service is temporarily unavailable")
        if not authorised():
            return error(401, "unauthorised", "missing or wrong credentials")
        return None


class ApiKey:
    header = "X-Api-Key"

    def __init__(self, key: str) -> None:
        self._key = key

    def __call__(self) -> bool:
        return hmac.compare_digest(request.headers.get(self.header, ""), self._key)


class BasicAuth:
    def __init__(self, username: str, password: str) -> None:
        self._username = username
        self._password = password

    def __call__(self) -> bool:
        given = request.authorization
        if given is None or given.type != "basic":
            return False
        # Both compared every time: the timing must not tell which one was wrong.
        user_ok = hmac.compare_digest(given.username or "", self._username)
        password_ok = hmac.compare_digest(given.password or "", self._password)
        return user_ok and password_ok
