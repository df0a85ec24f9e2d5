"""University staff: a tenant, roles, an argon2id password and a TOTP secret (sealed at rest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shomei_identity.domain import events as ev
from shomei_identity.domain.errors import InvalidInput
from shomei_shared.messages import Aggregate

ROLES = frozenset({"reviewer", "registrar", "auditor", "tenant_admin"})


@dataclass
class StaffMember:
    staff_id: str
    tenant_id: str
    email: str
    roles: tuple[str, ...]
    password_hash: str
    sealed_totp_secret: bytes
    totp_key_id: str  # the seal key that sealed the TOTP secret (docs/adr/0021)
    # The time step of the last accepted code: a code is accepted once, and never an older one.
    totp_last_step: int | None = None

    def accepts_step(self, step: int | None) -> bool:
        return step is not None and (self.totp_last_step is None or step > self.totp_last_step)


class StaffAccount(Aggregate):
    """What happens to a staff member's sign-in that others must hear of (their state lives in
    the staff_members table; only events worth telling are recorded here)."""

    topic = "identity.staff"

    def lock_out(self, until: datetime) -> None:
        self.record(ev.StaffLoginLockedOut(until=until))

    def apply_StaffLoginLockedOut(self, event: ev.StaffLoginLockedOut) -> None:
        pass  # the lock itself lives in the login guard


def require_roles(roles: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(roles) - ROLES)
    if unknown or not roles:
        # The role names are the same in both languages, so they travel as one listed param.
        raise InvalidInput.one("unknown_role", "roles", roles=", ".join(unknown) or "-")
    return tuple(sorted(set(roles)))
