"""Re-application links: issued when staff return a registration's application, opened by the
gateway from the mail's URL, used up by the resubmission they authorise; their sealed URL is
redeemed by the notifier (ADR 0023)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from shomei_enrollment.domain.application import Application, Status
from shomei_enrollment.domain.resubmission_link import (
    KEPT_AFTER_EXPIRY,
    LinkRecord,
    ResubmissionLink,
    hash_token,
    invalid_link,
)
from shomei_enrollment.service_layer.commands import RedeemSecret
from shomei_enrollment.service_layer.lookups import load_application
from shomei_enrollment.service_layer.ports import Dependencies, EnrollmentUnitOfWork
from shomei_enrollment.service_layer.queries import application_for_applicant
from shomei_shared.errors import InvalidInput
from shomei_shared.sealing import RedeemedSecret, found, redeem
from shomei_shared.web.tenancy import tenant_url

RESUBMIT_PATH = "/register/resubmit"
SECRET_KIND = "resubmission_url"


def issue_link(application: Application, uow: EnrollmentUnitOfWork, deps: Dependencies) -> ResubmissionLink:
    """In the deciding transaction: the token's hash and the sealed URL; the token itself goes
    nowhere else."""
    now = deps.clock.now()
    token, record = LinkRecord.issue(application.tenant_id, application.id, now)
    uow.resubmission_links.add(record)
    uow.resubmission_links.purge_expired(now - KEPT_AFTER_EXPIRY)
    uow.secrets.purge_expired(now)
    url = tenant_url(deps.public_base_url, application.tenant_id, f"{RESUBMIT_PATH}?{urlencode({'token': token})}")
    return ResubmissionLink(uow.secrets.put(application.tenant_id, SECRET_KIND, url, record.expires_at),
                            record.expires_at)


def open_link(tenant_id: str, token: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """The returned application a valid link opens, as its applicant sees it; the link stays
    unused until the resubmission."""
    with uow:
        record = _record(uow, token)
        record.check(tenant_id, deps.clock.now())
        application = load_application(uow, record.application_id)
        if application.status is not Status.RETURNED:
            raise InvalidInput.one("resubmission_link_used", "token")
        registration_id = application.registration_id or ""
    return application_for_applicant(record.application_id, registration_id, uow)


def use_link(application: Application, token: str, uow: EnrollmentUnitOfWork, deps: Dependencies) -> None:
    """Inside the resubmission's transaction: a link of this tenant and this application, unused
    and unexpired, is used up (a row lock makes a second, concurrent use wait and then fail)."""
    record = _record(uow, token)
    record.use(application.tenant_id, application.id, deps.clock.now())
    uow.resubmission_links.save(record)


def redeem_secret(command: RedeemSecret, uow: EnrollmentUnitOfWork, deps: Dependencies) -> RedeemedSecret:
    """The notifier's redemption: the same value on every call until it expires."""
    with uow:
        redeemed = redeem(uow.secrets, command.secret_ref, deps.clock.now())
        uow.commit()
    return found(redeemed)


def _record(uow: EnrollmentUnitOfWork, token: str) -> LinkRecord:
    record = uow.resubmission_links.get(hash_token(token)) if token else None
    if record is None:
        raise invalid_link()
    return record
