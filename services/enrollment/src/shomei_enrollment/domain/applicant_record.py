"""The applicant's data as a JSON-ready dict: stored with the application, shown to staff."""

from __future__ import annotations

from typing import Any

from shomei_enrollment.domain.applicant import ApplicantData


def applicant_to_dict(data: ApplicantData) -> dict[str, Any]:
    enrollment = data.enrollment
    return {
        "name": data.name.to_dict(),
        "date_of_birth": data.date_of_birth.isoformat(),
        "sex": data.sex.value if data.sex else None,
        "name_while_enrolled": data.name_while_enrolled.to_dict() if data.name_while_enrolled else None,
        "enrollment": {
            "university": enrollment.university, "faculty": enrollment.faculty,
            "department": enrollment.department, "student_number": enrollment.student_number,
            "admission_year_month": enrollment.admission_year_month,
            "graduation_year_month": enrollment.graduation_year_month, "status": enrollment.status.value,
        },
        "address": data.address.to_dict(),
        "home_phone": data.home_phone,
        "mobile_phone": data.mobile_phone,
        "workplace": data.workplace.to_dict() if data.workplace else None,
    }
