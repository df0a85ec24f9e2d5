"""Session lookup (touch), logout, and the notifier's redemption of sealed secrets."""

from __future__ import annotations

from shomei_identity.domain.errors import NotFound
from shomei_identity.domain.tokens import hash_token
from shomei_identity.service_layer.commands import LogOut, LookUpSession, RedeemSecret
from shomei_identity.service_layer.ports import Dependencies, IdentityUnitOfWork, RedeemedSecret
from shomei_identity.service_layer.results import SessionView
from shomei_shared.sealing import found, redeem


def look_up_session(command: LookUpSession, uow: IdentityUnitOfWork, *, deps: Dependencies) -> SessionView:
    now = deps.clock.now()
    id_hash = hash_token(command.session_id)
    with uow:
        session = uow.sessions.get(id_hash)
        elsewhere = session is not None and command.tenant_id not in (None, session.tenant_id)
        if session is None or elsewhere or not session.alive(now):
            if session is not None and not elsewhere:  # another university's is left untouched
                uow.sessions.delete(id_hash)
                uow.commit()
            raise NotFound.one("session_not_found", "session_id")
        session.touch(now)
        uow.sessions.save(session)
        email = _email_of(uow, session.subject_kind, session.subject_id)
        uow.commit()
    return SessionView(session.subject_kind, session.subject_id, session.tenant_id, email, session.roles,
                       session.expires_at())


def log_out(command: LogOut, uow: IdentityUnitOfWork, *, deps: Dependencies) -> None:
    with uow:
        uow.sessions.delete(hash_token(command.session_id))
        uow.commit()


def redeem_secret(command: RedeemSecret, uow: IdentityUnitOfWork, *, deps: Dependencies) -> RedeemedSecret:
    with uow:
        redeemed = redeem(uow.secrets, command.secret_ref, deps.clock.now())
        uow.commit()
    return found(redeemed)


def _email_of(uow: IdentityUnitOfWork, kind: str, subject_id: str) -> str:
    if kind == "staff":
        staff = uow.staff.get(subject_id)
        return staff.email if staff else ""
    credentials = uow.accounts.get(subject_id)
    return credentials.email if credentials else ""
