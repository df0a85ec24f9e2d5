"""The applicant form's choices are codes enrollment accepts: the gateway once offered 健康保険証
as `health_insurance` while enrollment knows `health_insurance_card`, so choosing it was refused.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

from shomei_enrollment.domain.applicant import EnrollmentStatus
from shomei_enrollment.domain.documents import DocumentType
from shomei_gateway.entrypoints.applicant_fields import ID_DOCUMENTS, SEX, STATUS


def test_every_id_document_and_status_the_form_offers_is_known_to_enrollment() -> None:
    assert {code for code, _ in ID_DOCUMENTS} == {kind.value for kind in DocumentType}
    assert {code for code, _ in STATUS} == {status.value for status in EnrollmentStatus}


def test_sex_choices_are_the_contract_s() -> None:
    assert {code for code, _ in SEX} == {"", "male", "female"}
