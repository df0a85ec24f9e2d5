"""University staff: a tenant, roles, an argon2id password and a TOTP secret (sealed at rest)."""

from __future__ import annotations

from dataclasses import dataclass

from shomei_identity.domain.errors import InvalidInput

ROLES = frozenset({"reviewer", "registrar", "auditor", "tenant_admin"})


@dataclass
class StaffMember:
    staff_id: str
    tenant_id: str
    email: str
    roles: tuple[str, ...]
    password_hash: str
    sealed_totp_secret: bytes


def require_roles(roles: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(roles) - ROLES)
    if unknown or not roles:
        # The role names are the same in both languages, so they travel as one listed param.
        raise InvalidInput.one("unknown_role", "roles", roles=", ".join(unknown) or "-")
    return tuple(sorted(set(roles)))
