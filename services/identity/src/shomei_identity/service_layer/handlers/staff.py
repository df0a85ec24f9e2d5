"""Staff login (password + current TOTP code, lockout like graduates) and the demo seeding."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from shomei_identity.domain.credentials import new_initial_password
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import CredentialsRefused
from shomei_identity.domain.staff import StaffAccount, StaffMember, require_roles
from shomei_identity.service_layer.commands import ListStaffLockouts, SeedStaff, StaffLogIn
from shomei_identity.service_layer.handlers.guarding import (
    fail_login,
    login_guard,
    open_session,
    refuse_if_locked,
    remember_device,
)
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork, StaffLockout
from shomei_identity.service_layer.results import SeededStaff, StaffSession
from shomei_shared.uow import AggregateNotFound


def staff_log_in(command: StaffLogIn, uow: IdentityUnitOfWork, *, deps: Dependencies) -> StaffSession:
    now = deps.clock.now()
    with uow:
        staff = uow.staff.by_email(command.tenant_id, normalise_email(command.email))
        if staff is None:
            deps.hasher.verify(deps.dummy_hash, command.password)  # as slow as a real check
            raise staff_refused()
        guard, known = login_guard(uow, staff.staff_id, command.source, command.device, now)
        refuse_if_locked(guard, now)
        password_ok = deps.hasher.verify(staff.password_hash, command.password)
        step = deps.totp.matching_step(deps.sealer.unseal(staff.totp_key_id, staff.sealed_totp_secret),
                                       command.totp_code, now)
        # A code is accepted once: a replay, or an older code after a newer one, is refused
        # (docs/adr/0021).
        if not (password_ok and staff.accepts_step(step)):
            raise fail_login(uow, guard, now, staff_refused(), _lock_staff(uow, staff))
        staff.totp_last_step = step
        if deps.hasher.needs_rehash(staff.password_hash):
            staff.password_hash = deps.hasher.hash(command.password)
        uow.staff.save(staff)
        guard.clear()
        uow.guards.save(guard)
        device = remember_device(uow, staff.staff_id, command.device, known, now)
        session_id, session = open_session(uow, now, staff.tenant_id, "staff", staff.staff_id, staff.roles)
        uow.commit()
    return StaffSession(staff.staff_id, staff.tenant_id, staff.roles, session_id, session.expires_at(), device)


def seed_staff(command: SeedStaff, uow: IdentityUnitOfWork, *, deps: Dependencies) -> SeededStaff:
    """Create the staff member, or give an existing one a fresh password and TOTP secret."""
    roles = require_roles(command.roles)
    email = normalise_email(command.email)
    password, totp_secret = new_initial_password(), deps.totp.new_secret()
    with uow:
        existing = uow.staff.by_email(command.tenant_id, email)
        key_id, sealed = deps.sealer.seal(totp_secret)
        staff = StaffMember(existing.staff_id if existing else str(uuid.uuid4()), command.tenant_id, email, roles,
                            deps.hasher.hash(password), sealed, key_id)
        uow.staff.save(staff)
        uow.guards.clear_all(staff.staff_id)
        uow.sessions.delete_for_subject(staff.staff_id)
        uow.commit()
    return SeededStaff(staff.staff_id, password, totp_secret)


def list_staff_lockouts(command: ListStaffLockouts, uow: IdentityUnitOfWork, *,
                        deps: Dependencies) -> list[StaffLockout]:
    with uow:
        return uow.staff.locked_out(command.tenant_id, deps.clock.now())


def _lock_staff(uow: IdentityUnitOfWork, staff: StaffMember) -> Callable[[datetime], None]:
    """A staff lock is told (StaffLoginLockedOut), so the console can show it to the tenant's
    administrators: a colleague locked out, or someone trying staff passwords."""

    def lock(until: datetime) -> None:
        try:
            account = uow.get(StaffAccount, staff.staff_id)
        except AggregateNotFound:  # the first event of this staff member
            account = StaffAccount(staff.staff_id, staff.tenant_id)
            uow.add(account)
        account.lock_out(until)

    return lock


def staff_refused() -> CredentialsRefused:
    """One answer for every wrong part (e-mail, password, code); its own code, as staff log in
    with a verification code where graduates have a second password."""
    return CredentialsRefused.one("staff_login_refused", "_login")
