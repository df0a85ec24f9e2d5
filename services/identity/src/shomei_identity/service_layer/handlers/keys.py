"""Key rotation (docs/adr/0021): after a new seal key is put first in the ring, everything
sealed under an older key is sealed again under the new one, so the old key can be retired."""

from __future__ import annotations

from shomei_identity.service_layer.commands import ResealSecrets
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_identity.service_layer.results import ResealReport


def reseal_secrets(command: ResealSecrets, uow: IdentityUnitOfWork, *, deps: Dependencies) -> ResealReport:
    """One transaction: either everything is under the current key afterwards, or nothing
    changed (and the old key must stay)."""
    sealer = deps.sealer
    with uow:
        secrets = uow.secrets.reseal()
        staff = uow.staff.sealed_with_other_keys(sealer.current_key_id)
        for member in staff:
            member.totp_key_id, member.sealed_totp_secret = sealer.seal(
                sealer.unseal(member.totp_key_id, member.sealed_totp_secret))
            uow.staff.save(member)
        uow.commit()
    return ResealReport(sealer.current_key_id, secrets, len(staff))
