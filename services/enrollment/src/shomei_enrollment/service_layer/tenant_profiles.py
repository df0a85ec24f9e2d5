"""A university's profile: read by every page and mail of the university (through enrollment's
internal API, cached by the readers), changed by its tenant admins through the console."""

from __future__ import annotations

import hashlib
from typing import Any

from shomei_enrollment.domain.tenant_profile import TenantProfile, parse_profile
from shomei_enrollment.service_layer.commands import ChangeTenantProfile
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork, Row
from shomei_shared.errors import InvalidInput, NotFound

MAX_LOGO_BYTES = 1024 * 1024
LOGO = "logo_sha256"  # a logo is compared and recorded by its digest, never by its bytes
SEAL = "seal_sha256"  # so is the seal
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def change_tenant_profile(command: ChangeTenantProfile, uow: EnrollmentUnitOfWork, deps: Dependencies) -> list[str]:
    """The names of what changed; nothing is recorded when nothing did."""
    data = parse_profile(command.profile)
    logo = None
    if command.logo is not None:
        if len(command.logo) > MAX_LOGO_BYTES:
            raise InvalidInput.one("logo_too_large", "logo", max_mb=MAX_LOGO_BYTES // (1024 * 1024))
        logo = deps.clean_image(command.logo, "logo")  # checked by content and re-encoded, as ID images are
    seal = _clean_seal(command.seal, deps) if command.seal is not None else None
    with uow:
        current = uow.tenants.profile(command.tenant_id)
        stored_logo, stored_seal = uow.tenants.logo(command.tenant_id), uow.tenants.seal(command.tenant_id)
        before = _comparable(current, stored_logo, stored_seal)
        after = {**data.to_dict(), LOGO: before.get(LOGO, ""), SEAL: before.get(SEAL, "")}
        if logo is not None:
            after[LOGO] = hashlib.sha256(logo.content).hexdigest()
        if seal is not None:
            after[SEAL] = hashlib.sha256(seal).hexdigest()
        aggregate = TenantProfile(TenantProfile.aggregate_id(command.tenant_id), command.tenant_id)
        aggregate.version = len(uow.events.load(aggregate.id))
        uow.add(aggregate)
        changed = aggregate.change(command.staff_id, before, after)
        if changed:
            version = int(current["logo_version"]) if current else 0
            if LOGO in changed and logo is not None:
                uow.tenants.save_logo(command.tenant_id, logo.media_type, logo.content, after[LOGO])
                version += 1
            if SEAL in changed and seal is not None:
                uow.tenants.save_seal(command.tenant_id, seal, after[SEAL])
            uow.tenants.save_profile(command.tenant_id, {**data.to_dict(), "logo_version": version})
            if "closures" in changed:
                uow.tenants.replace_closures(command.tenant_id, data.closures)
        uow.commit()
        return changed


def _clean_seal(raw: bytes, deps: Dependencies) -> bytes:
    """A PNG only (a seal needs its transparent background), bounded and re-encoded as the logo is."""
    if len(raw) > MAX_LOGO_BYTES:
        raise InvalidInput.one("seal_too_large", "seal", max_mb=MAX_LOGO_BYTES // (1024 * 1024))
    if not raw.startswith(PNG_SIGNATURE):
        raise InvalidInput.one("seal_format_png", "seal")
    return deps.clean_image(raw, "seal").content


def _comparable(current: Row | None, logo: Row | None, seal: Row | None) -> dict[str, Any]:
    if current is None:
        return {}
    values = {key: value for key, value in current.items() if key not in ("tenant_id", "logo_version")}
    values[LOGO] = logo["sha256"] if logo else ""
    values[SEAL] = seal["sha256"] if seal else ""
    return values


def profile_of(tenant_id: str, uow: EnrollmentUnitOfWork) -> Row:
    with uow:
        found = uow.tenants.profile(tenant_id)
    if found is None:
        raise NotFound.one("tenant_not_found", "tenant_id")
    return found


def all_profiles(uow: EnrollmentUnitOfWork) -> list[Row]:
    with uow:
        return uow.tenants.all()


def logo_of(tenant_id: str, uow: EnrollmentUnitOfWork) -> tuple[bytes, str]:
    with uow:
        found = uow.tenants.logo(tenant_id)
    if found is None:
        raise NotFound.one("logo_not_found", "logo")
    return bytes(found["content"]), str(found["media_type"])


def seal_of(tenant_id: str, uow: EnrollmentUnitOfWork) -> bytes:
    with uow:
        found = uow.tenants.seal(tenant_id)
    if found is None:
        raise NotFound.one("seal_not_found", "seal")
    return bytes(found["content"])


def history_of(tenant_id: str, uow: EnrollmentUnitOfWork) -> list[dict[str, Any]]:
    """Every change, newest first: when, by whom, and the new values."""
    with uow:
        stored = uow.events.load(TenantProfile.aggregate_id(tenant_id))
    return [{"occurred_at": e.occurred_at, "staff_id": e.payload["staff_id"], "changes": e.payload["changes"]}
            for e in reversed(stored)]
