"""One-time links: the token goes only into the sealed mail value; events get its reference."""

from __future__ import annotations

from datetime import datetime, timedelta

from shomei_identity.domain.tokens import OneTimeToken, TokenPurpose, hash_token, invalid_token
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork
from shomei_shared.web.tenancy import tenant_url

TOKEN_KEPT_AFTER_EXPIRY = timedelta(days=1)
PATHS = {
    TokenPurpose.REGISTRATION: "/register/verify",
    TokenPurpose.EMAIL_CHANGE: "/account/email/confirm",
    TokenPurpose.PASSWORD_RESET: "/password/reset",
    TokenPurpose.STUDENT_NUMBER_ADDITION: "/account/student-numbers/new",
}


def issue_link(uow: IdentityUnitOfWork, deps: Dependencies, purpose: TokenPurpose, tenant_id: str,
               subject_id: str, data: dict[str, str] | None = None) -> tuple[str, datetime]:
    """Store the token's hash and the sealed URL; returns (secret_ref, expires_at)."""
    now = deps.clock.now()
    token, record = OneTimeToken.issue(purpose, tenant_id, subject_id, now, data)
    uow.tokens.add(record)
    # Expired tokens are kept a day, so a late click still hears "expired" rather than "invalid".
    uow.tokens.purge_expired(now - TOKEN_KEPT_AFTER_EXPIRY)
    uow.secrets.purge_expired(now)
    url = tenant_url(deps.public_base_url, tenant_id, f"{PATHS[purpose]}?token={token}")
    secret_ref = uow.secrets.put(tenant_id, f"{purpose.value}_url", url, record.expires_at)
    return secret_ref, record.expires_at


def redeem_token(uow: IdentityUnitOfWork, deps: Dependencies, purpose: TokenPurpose, token: str,
                 tenant_id: str | None = None) -> OneTimeToken:
    """The token's record, used up (saved in the caller's transaction). Given the tenant of the
    address the link was opened at, another tenant's token is invalid there and stays unused."""
    record = uow.tokens.get(hash_token(token))
    if record is None or (tenant_id is not None and record.tenant_id != tenant_id):
        raise invalid_token()
    record.redeem(purpose, deps.clock.now())
    uow.tokens.save(record)
    return record
