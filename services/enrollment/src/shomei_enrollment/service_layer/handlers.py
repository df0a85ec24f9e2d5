"""Every handler of enrollment, declared once: one per command, and the reactions to the events
enrollment hears. The bootstrap binds them to their dependencies (by parameter name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_enrollment.domain import heard
from shomei_enrollment.service_layer import (
    academic_records_import,
    alumni_import,
    commands,
    decisions,
    graduates,
    registrations,
    resubmission_links,
    submission,
    tenant_profiles,
)
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    commands.SubmitApplication: submission.submit_application,
    commands.RequestStudentNumberLink: submission.request_student_number_link,
    commands.ResubmitApplication: submission.resubmit_application,
    commands.DecideApplication: decisions.decide_application,
    commands.ImportAlumniRecords: alumni_import.import_alumni_records,
    commands.ImportAcademicRecords: academic_records_import.import_academic_records,
    commands.ChangeProfile: graduates.change_profile,
    commands.ChangeTenantProfile: tenant_profiles.change_tenant_profile,
    commands.RedeemSecret: resubmission_links.redeem_secret,
}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    heard.RegistrationEmailVerified: [registrations.record_verified_registration],
    heard.AccountActivated: [registrations.account_activated],
    heard.AccountActivationRefused: [registrations.account_activation_refused],
    heard.EmailChanged: [registrations.email_changed],
}
