"""Staff login (password + current TOTP code, lockout like graduates) and the demo seeding."""

from __future__ import annotations

import uuid

from shomei_identity.domain.credentials import new_initial_password
from shomei_identity.domain.emails import normalise_email
from shomei_identity.domain.errors import CredentialsRefused
from shomei_identity.domain.staff import StaffMember, require_roles
from shomei_identity.service_layer.commands import SeedStaff, StaffLogIn
from shomei_identity.service_layer.handlers.guarding import fail_login, open_session, refuse_if_locked
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import SeededStaff, StaffSession


def staff_log_in(command: StaffLogIn, uow: IdentityUnitOfWork, *, deps: Dependencies) -> StaffSession:
    now = deps.clock.now()
    with uow:
        staff = uow.staff.by_email(command.tenant_id, normalise_email(command.email))
        if staff is None:
            deps.hasher.hash(command.password)
            raise staff_refused()
        guard = uow.guards.get(staff.staff_id)
        refuse_if_locked(guard, now)
        password_ok = deps.hasher.verify(staff.password_hash, command.password)
        code_ok = deps.totp.verify(deps.sealer.unseal(staff.sealed_totp_secret), command.totp_code, now)
        if not (password_ok and code_ok):
            raise fail_login(uow, guard, now, staff_refused())
        if deps.hasher.needs_rehash(staff.password_hash):
            staff.password_hash = deps.hasher.hash(command.password)
            uow.staff.save(staff)
        guard.clear()
        uow.guards.save(guard)
        session_id, session = open_session(uow, now, staff.tenant_id, "staff", staff.staff_id, staff.roles)
        uow.commit()
    return StaffSession(staff.staff_id, staff.tenant_id, staff.roles, session_id, session.expires_at())


def seed_staff(command: SeedStaff, uow: IdentityUnitOfWork, *, deps: Dependencies) -> SeededStaff:
    """Create the staff member, or give an existing one a fresh password and TOTP secret."""
    roles = require_roles(command.roles)
    email = normalise_email(command.email)
    password, totp_secret = new_initial_password(), deps.totp.new_secret()
    with uow:
        existing = uow.staff.by_email(command.tenant_id, email)
        staff = StaffMember(existing.staff_id if existing else str(uuid.uuid4()), command.tenant_id, email, roles,
                            deps.hasher.hash(password), deps.sealer.seal(totp_secret))
        uow.staff.save(staff)
        guard = uow.guards.get(staff.staff_id)
        guard.clear()
        uow.guards.save(guard)
        uow.sessions.delete_for_subject(staff.staff_id)
        uow.commit()
    return SeededStaff(staff.staff_id, password, totp_secret)


def staff_refused() -> CredentialsRefused:
    """One answer for every wrong part (e-mail, password, code); its own code, as staff log in
    with a verification code where graduates have a second password."""
    return CredentialsRefused.one("staff_login_refused", "_login")
