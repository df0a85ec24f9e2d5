"""Every handler of identity, declared once: one per command, and the reactions to the events
identity hears. The bootstrap binds them to their dependencies (by parameter name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_identity.domain.heard import ApplicationApproved
from shomei_identity.service_layer import commands as c
from shomei_identity.service_layer.handlers import (
    activation,
    keys,
    login,
    passwords,
    registration,
    requests,
    sessions,
    staff,
)
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    c.StartRegistration: registration.start_registration,
    c.VerifyRegistration: registration.verify_registration,
    c.ActivateAccount: activation.activate_account,
    c.LogIn: login.log_in,
    c.SetFirstPasswords: passwords.set_first_passwords,
    c.ChangePassword: passwords.change_password,
    c.ChangeSecondPassword: passwords.change_second_password,
    c.ConfirmPasswordReset: passwords.confirm_password_reset,
    c.RequestEmailChange: requests.request_email_change,
    c.ConfirmEmailChange: requests.confirm_email_change,
    c.RequestPasswordReset: requests.request_password_reset,
    c.RequestStudentNumberAddition: requests.request_student_number_addition,
    c.VerifyStudentNumberAddition: requests.verify_student_number_addition,
    c.LookUpSession: sessions.look_up_session,
    c.LogOut: sessions.log_out,
    c.RedeemSecret: sessions.redeem_secret,
    c.StaffLogIn: staff.staff_log_in,
    c.SeedStaff: staff.seed_staff,
    c.ListStaffLockouts: staff.list_staff_lockouts,
    c.ResealSecrets: keys.reseal_secrets,
}


EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    ApplicationApproved: [activation.on_application_approved],
}
