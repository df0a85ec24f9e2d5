"""TOTP (RFC 6238, 30-second steps) for staff logins, by pyotp."""

from __future__ import annotations

from datetime import datetime

import pyotp


class PyotpTotp:
    def new_secret(self) -> str:
        return pyotp.random_base32()

    def verify(self, secret: str, code: str, now: datetime) -> bool:
        # One step either side forgives a phone clock that is a little off.
        return bool(code) and pyotp.TOTP(secret).verify(code, for_time=now, valid_window=1)
