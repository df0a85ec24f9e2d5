"""A registration attempt (rule 8): an e-mail address proven by a one-time URL."""

from __future__ import annotations

from datetime import datetime

from shomei_identity.domain.errors import Conflict, InvalidInput
from shomei_identity.domain.events import RegistrationEmailVerified, RegistrationRefused, RegistrationStarted
from shomei_shared.messages import Aggregate

EMAIL_HAS_ACCOUNT = "email_has_account"


class Registration(Aggregate):
    topic = "identity.registration"

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.email = ""
        self.locale = "ja"
        self.expires_at: datetime | None = None
        self.verified = False

    @classmethod
    def start(cls, registration_id: str, tenant_id: str, email: str, locale: str, secret_ref: str,
              expires_at: datetime) -> Registration:
        registration = cls(registration_id, tenant_id)
        registration.record(RegistrationStarted(email=email, locale=locale, secret_ref=secret_ref,
                                                expires_at=expires_at))
        return registration

    @classmethod
    def refuse(cls, registration_id: str, tenant_id: str, email: str, locale: str) -> Registration:
        """The address has an account here already: a second one would only fail at approval."""
        registration = cls(registration_id, tenant_id)
        registration.record(RegistrationRefused(email=email, locale=locale, reason=EMAIL_HAS_ACCOUNT))
        return registration

    def verify(self, now: datetime) -> None:
        if self.verified:
            raise Conflict.one("already_verified", "token")
        if self.expires_at is None or now >= self.expires_at:
            # Its own code: unlike an expired token's, its sentence does not ask to start again.
            raise InvalidInput.one("registration_expired", "token")
        self.record(RegistrationEmailVerified(email=self.email, locale=self.locale))

    def apply_RegistrationStarted(self, event: RegistrationStarted) -> None:
        self.email, self.locale = event.email, event.locale
        self.expires_at = event.expires_at

    def apply_RegistrationRefused(self, event: RegistrationRefused) -> None:
        self.email, self.locale = event.email, event.locale

    def apply_RegistrationEmailVerified(self, event: RegistrationEmailVerified) -> None:
        self.verified = True
