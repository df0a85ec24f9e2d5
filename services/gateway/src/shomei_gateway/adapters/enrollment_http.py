"""The enrollment service's internal API behind the gateway's EnrollmentApi port.

The gateway's form is flat (one input per field, as the screen shows it); enrollment's body is
nested. FORM_PATHS maps one to the other, both ways, so enrollment's field errors land at the
right input."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from shomei_gateway.adapters.identity_http import fields_as
from shomei_gateway.service_layer.ports import Catalogue, Option, Profile, StudentNumber, SubmittedApplication
from shomei_shared.web.client import InternalClient
from shomei_shared.web.paths import url_path

FORM_PATHS: dict[str, tuple[str, ...]] = {
    "name_kanji": ("name", "kanji"), "name_kana": ("name", "katakana"), "name_romaji": ("name", "romaji"),
    "birth_date": ("date_of_birth",), "sex": ("sex",),
    "enrolled_name_kanji": ("name_while_enrolled", "kanji"), "enrolled_name_kana": ("name_while_enrolled", "katakana"),
    "enrolled_name_romaji": ("name_while_enrolled", "romaji"),
    "student_number": ("enrollment", "student_number"),
    "admission_year_month": ("enrollment", "admission_year_month"),
    "graduation_year_month": ("enrollment", "graduation_year_month"), "status": ("enrollment", "status"),
    "postal_code": ("address", "postal_code"), "prefecture": ("address", "prefecture"), "city": ("address", "city"),
    "street": ("address", "street"), "building": ("address", "building"),
    "home_phone": ("home_phone",), "mobile_phone": ("mobile_phone",),
    "workplace_name": ("workplace", "name"), "workplace_postal_code": ("workplace", "postal_code"),
    "workplace_address": ("workplace", "address"), "workplace_phone": ("workplace", "phone"),
}
DEPARTMENT_PARTS = ("university", "faculty", "department")
CHANGEABLE = ("name", "sex", "address", "home_phone", "mobile_phone", "workplace")  # enrollment's rule
OPTIONAL_GROUPS = ("name_while_enrolled", "workplace")


# Enrollment's names for what the form calls otherwise (the department list answers for all
# three levels of the catalogue; the identity document and its images).
_OTHER_FIELDS = {**{f"enrollment.{part}": "department" for part in DEPARTMENT_PARTS},
                 "document_type": "id_document_type", "images": "id_front", "images.front": "id_front",
                 "images.back": "id_back"}
FORM_FIELDS: dict[str, str] = {".".join(path): name for name, path in FORM_PATHS.items()} | _OTHER_FIELDS
# Enrollment names a field as its body nests it: under `applicant.` or `changes.` when the
# request's schema refuses it, bare when the domain does.
_BODY_PREFIXES = ("applicant.", "changes.")


def form_field(api_field: str) -> str:
    """The form input an enrollment error is about: the one mapping from enrollment's field
    paths (`name.kanji`, `address.postal_code`, `enrollment.university`) to the form's names
    (`name_kanji`, `postal_code`, `department`). A path the form has no input for stays as it is,
    so the page still shows its reason, unattached."""
    for prefix in _BODY_PREFIXES:
        if api_field.startswith(prefix) and api_field.removeprefix(prefix) in FORM_FIELDS:
            return FORM_FIELDS[api_field.removeprefix(prefix)]
    return FORM_FIELDS.get(api_field, api_field)


def to_body(tenant_id: str, form: dict[str, str], images: dict[str, bytes]) -> dict[str, Any]:
    applicant: dict[str, Any] = {group: {} for group in ("name", "enrollment", "address", *OPTIONAL_GROUPS)}
    for name, path in FORM_PATHS.items():
        if len(path) == 1:
            applicant[path[0]] = form.get(name, "")
        else:
            applicant[path[0]][path[1]] = form.get(name, "")
    parts = [*form.get("department", "").split("/"), "", "", ""][:3]
    applicant["enrollment"].update(dict(zip(DEPARTMENT_PARTS, parts, strict=True)))
    for group in OPTIONAL_GROUPS:
        if not any(applicant[group].values()):
            applicant[group] = None
    encoded = {side: base64.b64encode(images[f"id_{side}"]).decode() for side in ("front", "back")
               if f"id_{side}" in images}
    return {"tenant_id": tenant_id, "applicant": applicant, "document_type": form.get("id_document_type", ""),
            "images": {"front": encoded.get("front", ""), "back": encoded.get("back")}}


def to_form(checked: dict[str, Any]) -> dict[str, str]:
    applicant = checked["applicant"]
    form: dict[str, str] = {}
    for name, path in FORM_PATHS.items():
        value: Any = applicant
        for step in path:
            value = (value or {}).get(step) if isinstance(value, dict) or value is None else None
        form[name] = "" if value is None else str(value)
    enrollment = applicant.get("enrollment") or {}
    form["department"] = "/".join(enrollment.get(part) or "" for part in DEPARTMENT_PARTS)
    form["id_document_type"] = checked.get("document_type", "")
    return form


def _profile_change(tenant_id: str, form: dict[str, str]) -> dict[str, Any]:
    applicant = to_body(tenant_id, form, {})["applicant"]
    return {"tenant_id": tenant_id, "changes": {key: applicant[key] for key in CHANGEABLE}}


class HttpEnrollment:
    """The account-side calls do not send the account id the port names: enrollment takes the
    account and tenant from identity's assertion for the signed-in graduate (ADR 0019), which the
    gateway got from the same session lookup, so the two always agree."""

    def __init__(self, client: InternalClient, language: Callable[[], str]) -> None:
        self._client = client
        self._language = language

    def catalogue(self, tenant_id: str) -> Catalogue:
        with fields_as({}):
            found = self._client.call("GET", url_path("/internal/tenants/{}/catalogue", tenant_id))
        suffix = "en" if self._language() == "en" else "ja"
        groups = []
        for university in found["universities"]:
            for faculty in university["faculties"]:
                label = f"{university['name_' + suffix]} {faculty['name_' + suffix]}"
                options = [Option(f"{university['code']}/{faculty['code']}/{d['code']}", d["name_" + suffix])
                           for d in faculty["departments"]]
                groups.append((label, options))
        return Catalogue(groups)

    def check_application(self, tenant_id: str, form: dict[str, str], images: dict[str, bytes],
                          kind: str = "registration") -> dict[str, str]:
        with fields_as(form_field):
            checked = self._client.call("POST", "/internal/application-checks",
                                        {**to_body(tenant_id, form, images), "kind": kind})
        return to_form(checked)

    def submit_application(self, registration_id: str, tenant_id: str, form: dict[str, str],
                           images: dict[str, bytes]) -> str:
        with fields_as(form_field):
            created = self._client.call("POST", url_path("/internal/registrations/{}/application", registration_id),
                                        to_body(tenant_id, form, images))
        return str(created["application_id"])

    def apply_for_student_number(self, account_id: str, tenant_id: str, form: dict[str, str],
                                 images: dict[str, bytes]) -> str:
        with fields_as(form_field):
            created = self._client.call("POST", "/internal/account/student-number-applications",
                                        to_body(tenant_id, form, images))
        return str(created["application_id"])

    def profile(self, account_id: str, tenant_id: str) -> Profile:
        with fields_as({}):
            found = self._client.call("GET", "/internal/account/profile")
        enrollments = tuple(StudentNumber(e["student_number"], e["status"], e["programme"])
                            for e in found.get("enrollments", ()))
        return Profile(to_form({"applicant": found["profile"]}), list(found["student_numbers"]), enrollments)

    def check_profile_change(self, account_id: str, tenant_id: str, form: dict[str, str]) -> dict[str, str]:
        with fields_as(form_field):
            checked = self._client.call("POST", "/internal/account/profile-checks",
                                        _profile_change(tenant_id, form))
        return to_form({"applicant": checked["profile"]})

    def change_profile(self, account_id: str, tenant_id: str, form: dict[str, str]) -> list[str]:
        with fields_as(form_field):
            changed = self._client.call("PATCH", "/internal/account/profile",
                                        _profile_change(tenant_id, form))
        return list(changed["changed"])

    def open_resubmission(self, token: str, tenant_id: str) -> SubmittedApplication:
        with fields_as({}):
            found = self._client.call("POST", "/internal/resubmission-links/open",
                                      {"tenant_id": tenant_id, "token": token})
        return SubmittedApplication(found["id"], found["status"], found.get("decision_reason"), to_form(found),
                                    found.get("tenant_id", ""))

    def resubmit(self, application_id: str, token: str, form: dict[str, str],
                 images: dict[str, bytes]) -> None:
        body = {**to_body("", form, images), "token": token}
        with fields_as(form_field):
            self._client.call("PUT", url_path("/internal/applications/{}/resubmission", application_id), body)
