"""TOTP (RFC 6238, 30-second steps) for staff logins, by pyotp."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

import pyotp

# One step either side forgives a phone clock that is a little off.
_DRIFT_STEPS = (0, -1, 1)


class PyotpTotp:
    def new_secret(self) -> str:
        return pyotp.random_base32()

    def matching_step(self, secret: str, code: str, now: datetime) -> int | None:
        """The step, not only yes or no: the caller refuses a step it has already accepted
        (RFC 6238 §5.2, a code is used once)."""
        if not code:
            return None
        totp = pyotp.TOTP(secret)
        for offset in _DRIFT_STEPS:
            moment = now + timedelta(seconds=offset * totp.interval)
            if hmac.compare_digest(totp.at(moment), code):
                return int(totp.timecode(moment))
        return None
