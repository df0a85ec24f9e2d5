"""A graduate's account (rules 11-13, 17-19): its life as events. Password hashes live beside it
in the credentials table, never in events (docs/adr/0005)."""

from __future__ import annotations

from datetime import datetime

from shomei_identity.domain import events as ev
from shomei_identity.domain.errors import Conflict
from shomei_shared.messages import Aggregate

AWAITING_PASSWORDS = "awaiting_passwords"
ACTIVE = "active"


class Account(Aggregate):
    topic = "identity.account"

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.email = ""
        self.status = ""

    @classmethod
    def activate(cls, account_id: str, tenant_id: str, *, email: str, locale: str, application_id: str,
                 secret_ref: str, expires_at: datetime, login_url: str) -> Account:
        account = cls(account_id, tenant_id)
        account.record(ev.AccountActivated(email=email, locale=locale, application_id=application_id,
                                           secret_ref=secret_ref, expires_at=expires_at,
                                           login_url=login_url))
        return account

    def refuse_activation(self, *, application_id: str, email: str, locale: str, reason: str) -> None:
        """Another application approved for this account's address: recorded here, on the
        account that holds the address, so the refusal is part of its history."""
        self.record(ev.AccountActivationRefused(application_id=application_id, email=email, locale=locale,
                                                reason=reason))

    def set_passwords(self) -> None:
        if self.status != AWAITING_PASSWORDS:
            raise Conflict.one("passwords_already_set", "_account")
        self.record(ev.PasswordsSet())

    def change_password(self) -> None:
        self.require_active()
        self.record(ev.PasswordChanged())

    def change_second_password(self) -> None:
        self.require_active()
        self.record(ev.SecondPasswordChanged())

    def request_email_change(self, new_email: str, locale: str, secret_ref: str, expires_at: datetime) -> None:
        self.require_active()
        self.record(ev.EmailChangeRequested(new_email=new_email, locale=locale, secret_ref=secret_ref,
                                            expires_at=expires_at))

    def change_email(self, new_email: str) -> None:
        self.require_active()
        self.record(ev.EmailChanged(old_email=self.email, new_email=new_email))

    def request_password_reset(self, locale: str, secret_ref: str, expires_at: datetime) -> None:
        """`locale`: the language of the page the request came from (the reader of the mail)."""
        self.require_active()
        self.record(ev.PasswordResetRequested(email=self.email, locale=locale, secret_ref=secret_ref,
                                              expires_at=expires_at))

    def reset_password(self) -> None:
        self.require_active()
        self.record(ev.PasswordReset())

    def request_student_number_addition(self, locale: str, secret_ref: str, expires_at: datetime) -> None:
        self.require_active()
        self.record(ev.StudentNumberAdditionRequested(email=self.email, locale=locale, secret_ref=secret_ref,
                                                      expires_at=expires_at))

    def lock_out(self, until: datetime) -> None:
        self.record(ev.LoginLockedOut(until=until))

    def require_active(self) -> None:
        if self.status != ACTIVE:
            raise Conflict.one("passwords_not_set", "_account")

    def apply_AccountActivated(self, event: ev.AccountActivated) -> None:
        self.email = event.email
        self.status = AWAITING_PASSWORDS

    def apply_PasswordsSet(self, event: ev.PasswordsSet) -> None:
        self.status = ACTIVE

    def apply_PasswordChanged(self, event: ev.PasswordChanged) -> None:
        pass

    def apply_SecondPasswordChanged(self, event: ev.SecondPasswordChanged) -> None:
        pass

    def apply_EmailChangeRequested(self, event: ev.EmailChangeRequested) -> None:
        pass

    def apply_EmailChanged(self, event: ev.EmailChanged) -> None:
        self.email = event.new_email

    def apply_PasswordResetRequested(self, event: ev.PasswordResetRequested) -> None:
        pass

    def apply_PasswordReset(self, event: ev.PasswordReset) -> None:
        pass

    def apply_StudentNumberAdditionRequested(self, event: ev.StudentNumberAdditionRequested) -> None:
        pass

    def apply_AccountActivationRefused(self, event: ev.AccountActivationRefused) -> None:
        pass  # the account itself is unchanged

    def apply_LoginLockedOut(self, event: ev.LoginLockedOut) -> None:
        pass  # the lock itself lives in the login guard (shared with staff, who have no events)
