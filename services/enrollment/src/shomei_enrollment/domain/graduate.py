"""The graduate (topic enrollment.graduate): an approved person, with the accounts' student
numbers and personal data. Its state lives in the graduates table (personal data never enters
events); the aggregate records the facts other services may hear about."""

from __future__ import annotations

from shomei_enrollment.domain.events import ProfileChanged, StudentNumberLinked
from shomei_shared.messages import Aggregate


class Graduate(Aggregate):
    topic = "enrollment.graduate"

    def link_student_number(self, account_id: str, student_number: str) -> None:
        self.record(StudentNumberLinked(account_id=account_id, student_number=student_number))

    def change_profile(self, account_id: str, changed_fields: list[str]) -> None:
        if changed_fields:
            self.record(ProfileChanged(account_id=account_id, fields=sorted(changed_fields)))

    def apply_StudentNumberLinked(self, event: StudentNumberLinked) -> None:
        """Nothing to fold: the link itself is kept in the graduates table."""

    def apply_ProfileChanged(self, event: ProfileChanged) -> None:
        """Nothing to fold: the profile itself is kept in the graduates table."""
