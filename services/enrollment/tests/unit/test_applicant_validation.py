from __future__ import annotations

import copy
from typing import Any

import pytest

from shomei_enrollment.domain.applicant import EnrollmentStatus, parse_applicant
from shomei_enrollment.domain.catalogue import Catalogue
from shomei_shared.errors import InvalidInput

from .conftest import TODAY


def violations(raw: dict[str, Any], catalogue: Catalogue) -> dict[str, str]:
    """Field → the code of the rule it broke."""
    with pytest.raises(InvalidInput) as caught:
        parse_applicant(raw, catalogue, TODAY)
    return {v.field: v.code for v in caught.value.violations}


def changed(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(base)
    *parents, last = path.split(".")
    target = raw
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value
    return raw


def test_a_complete_form_is_normalised(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    data = parse_applicant(applicant, catalogue, TODAY)
    assert data.name.kanji == "山田　太郎"
    assert data.name.katakana == "ヤマダ　タロウ"
    assert data.name.romaji == "YAMADA TARO"
    assert data.address.postal_code == "100-0001"
    assert data.enrollment.status is EnrollmentStatus.GRADUATED
    assert data.name_while_enrolled is None and data.workplace is None


@pytest.mark.parametrize("typed", ["ヤマダ タロウ", "ヤマダ　タロウ", "ヤマダ  タロウ", "ヴァン　ヨーコ"])
def test_katakana_with_either_space_becomes_one_full_width_space(
        typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "name.katakana", typed), catalogue, TODAY)
    assert "\u3000" in data.name.katakana and " " not in data.name.katakana


@pytest.mark.parametrize("typed", ["やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ", "山田 太郎", "ヤマダ タロウ1",
                                   "YAMADA TARO"])
def test_katakana_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "name.katakana", typed), catalogue)
    assert found == {"name.katakana": "katakana_format"}


@pytest.mark.parametrize("typed", ["Yamada Taro", "YAMADA   TARO", " yamada taro "])
def test_romaji_is_upper_case_with_one_space(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert parse_applicant(changed(applicant, "name.romaji", typed), catalogue, TODAY).name.romaji == "YAMADA TARO"


@pytest.mark.parametrize("typed", ["YamadaTaro", "Ｙａｍａｄａ Ｔａｒｏ", "Yamada Tarō", "Yamada1 Taro",
                                   "ヤマダ タロウ"])
def test_romaji_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "name.romaji", typed), catalogue) == {"name.romaji": "romaji_format"}


def test_missing_required_fields_are_all_named(catalogue: Catalogue) -> None:
    found = violations({}, catalogue)
    assert {"name.kanji", "name.katakana", "name.romaji", "date_of_birth", "enrollment.university",
            "enrollment.status", "address.postal_code", "address.prefecture", "address.city",
            "address.street", "mobile_phone"} <= set(found)
    assert found["name.kanji"] == "required" and found["mobile_phone"] == "phone_required"


@pytest.mark.parametrize(("typed", "expected"), [("100-0001", "100-0001"), ("1000001", "100-0001"),
                                                 ("１００－０００１", "100-0001"), ("100ー0001", "100-0001")])
def test_postal_code_accepted_and_normalised(typed: str, expected: str, applicant: dict[str, Any],
                                             catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "address.postal_code", typed), catalogue, TODAY)
    assert data.address.postal_code == expected


@pytest.mark.parametrize("typed", ["100-001", "10000011", "abc-defg", "100--0001"])
def test_postal_code_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "address.postal_code", typed), catalogue) == {
        "address.postal_code": "postal_code_format"}


def test_prefecture_must_be_one_of_47(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "address.prefecture", "東京"), catalogue) == {
        "address.prefecture": "prefecture_not_listed"}
    assert parse_applicant(changed(applicant, "address.prefecture", "沖縄県"), catalogue, TODAY)


@pytest.mark.parametrize(("field", "typed"), [("home_phone", "03-1234-5678"), ("home_phone", "0312345678"),
                                             ("home_phone", "050-1234-5678"), ("mobile_phone", "09012345678"),
                                             ("mobile_phone", "０９０－１２３４－５６７８")])
def test_phones_accepted(field: str, typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, field, typed), catalogue, TODAY)
    assert getattr(data, field).replace("-", "").isdigit()


@pytest.mark.parametrize(("field", "typed"), [("home_phone", "03-1234-567"), ("home_phone", "3-1234-56789"),
                                             ("home_phone", "03-1234-5678-9999"), ("home_phone", "tel 0312345678"),
                                             ("mobile_phone", "03-1234-5678"), ("mobile_phone", "090-1234-567")])
def test_phones_refused(field: str, typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    code = "mobile_phone_format" if field == "mobile_phone" else "phone_format"
    assert violations(changed(applicant, field, typed), catalogue) == {field: code}


def test_at_least_one_phone_is_required(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "mobile_phone", ""), catalogue)
    assert found == {"mobile_phone": "phone_required"}
    assert parse_applicant(changed(changed(applicant, "mobile_phone", ""), "home_phone", "0312345678"),
                           catalogue, TODAY).home_phone == "0312345678"


@pytest.mark.parametrize(("typed", "code"), [("1990-02-30", "date_format"), ("2026-04-11", "date_in_future"),
                                             ("1899-12-31", "date_of_birth_implausible"),
                                             ("2020-01-01", "date_of_birth_implausible"),
                                             ("平成2年5月1日", "date_format")])
def test_date_of_birth_refused(typed: str, code: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "date_of_birth", typed), catalogue) == {"date_of_birth": code}


@pytest.mark.parametrize("typed", ["1990/05/01", "1990/5/1", "1990-05-01", "1990.5.1", "１９９０／５／１",
                                   "1990年5月1日", "１９９０年５月１日"])
def test_date_of_birth_as_people_type_it_is_accepted(typed: str, applicant: dict[str, Any],
                                                     catalogue: Catalogue) -> None:
    born = parse_applicant(changed(applicant, "date_of_birth", typed), catalogue, TODAY).date_of_birth
    assert born.isoformat() == "1990-05-01"


@pytest.mark.parametrize(("typed", "expected"), [("2012/3", "2012-03"), ("2012-03", "2012-03"),
                                                 ("２０１２年３月", "2012-03"), ("2012.03", "2012-03")])
def test_graduation_year_month_as_people_type_it_is_normalised(typed: str, expected: str, applicant: dict[str, Any],
                                                               catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "enrollment.graduation_year_month", typed), catalogue, TODAY)
    assert data.enrollment.graduation_year_month == expected


@pytest.mark.parametrize(("born", "graduated", "code"), [("1990-05-01", "1985-03", "graduation_before_birth"),
                                                         ("1990-05-01", "1990-05", "graduation_before_birth"),
                                                         ("1990-05-01", "2005-04", "graduation_too_young")])
def test_graduation_must_follow_birth_at_a_plausible_age(born: str, graduated: str, code: str,
                                                         applicant: dict[str, Any], catalogue: Catalogue) -> None:
    raw = changed(changed(applicant, "date_of_birth", born), "enrollment.graduation_year_month", graduated)
    assert violations(raw, catalogue) == {"enrollment.graduation_year_month": code}
    assert parse_applicant(changed(raw, "enrollment.graduation_year_month", "2005-05"), catalogue, TODAY)


@pytest.mark.parametrize(("admitted", "graduated", "field", "code"), [
    ("1985-04", "", "admission_year_month", "admission_before_birth"),
    ("2004-04", "", "admission_year_month", "admission_too_young"),
    ("2009-04", "2009-03", "graduation_year_month", "graduation_before_admission"),
    ("2009-04", "2009-04", "graduation_year_month", "graduation_before_admission")])
def test_admission_must_follow_birth_and_precede_graduation(admitted: str, graduated: str, field: str, code: str,
                                                            applicant: dict[str, Any], catalogue: Catalogue) -> None:
    raw = changed(changed(applicant, "enrollment.admission_year_month", admitted),
                  "enrollment.graduation_year_month", graduated)
    assert violations(raw, catalogue) == {f"enrollment.{field}": code}
    fine = changed(changed(raw, "enrollment.admission_year_month", "2009/4"), "enrollment.graduation_year_month",
                   "2013-03")
    assert parse_applicant(fine, catalogue, TODAY).enrollment.admission_year_month == "2009-04"


def test_a_personal_data_change_leaves_the_recorded_dates_alone(applicant: dict[str, Any],
                                                                 catalogue: Catalogue) -> None:
    recorded = changed(applicant, "enrollment.graduation_year_month", "1985-03")  # approved before the checks
    data = parse_applicant(recorded, catalogue, TODAY, check_dates_together=False)
    assert data.enrollment.graduation_year_month == "1985-03"


def test_an_unchosen_department_is_required_at_its_first_missing_level(applicant: dict[str, Any],
                                                                        catalogue: Catalogue) -> None:
    nothing = changed(changed(changed(applicant, "enrollment.university", ""), "enrollment.faculty", ""),
                      "enrollment.department", "")
    assert violations(nothing, catalogue) == {"enrollment.university": "required"}
    assert violations(changed(applicant, "enrollment.department", ""), catalogue) == {
        "enrollment.department": "required"}


@pytest.mark.parametrize(("typed", "code"), [("2026-05", "year_month_in_future"), ("2012-13", "year_month_format"),
                                             ("2012/3/4", "year_month_format"), ("H24-03", "year_month_format")])
def test_graduation_year_month_refused(typed: str, code: str, applicant: dict[str, Any],
                                       catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "enrollment.graduation_year_month", typed), catalogue) == {
        "enrollment.graduation_year_month": code}


def test_graduation_this_month_is_fine(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "enrollment.graduation_year_month", "2026-04"), catalogue, TODAY)
    assert data.enrollment.graduation_year_month == "2026-04"


@pytest.mark.parametrize(("path", "value", "code"), [("enrollment.university", "other", "university_not_listed"),
                                                     ("enrollment.faculty", "med", "faculty_not_listed"),
                                                     ("enrollment.department", "info", "department_not_listed")])
def test_catalogue_choices_must_exist(path: str, value: str, code: str, applicant: dict[str, Any],
                                      catalogue: Catalogue) -> None:
    assert violations(changed(applicant, path, value), catalogue) == {path: code}


def test_status_sex_and_optional_name_while_enrolled(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert violations(changed(applicant, "enrollment.status", "休学"), catalogue) == {
        "enrollment.status": "status_not_listed"}
    assert violations(changed(applicant, "sex", "other"), catalogue) == {"sex": "sex_not_listed"}
    found = violations(changed(applicant, "name_while_enrolled", {"kanji": "佐藤 花子", "katakana": "さとう はなこ"}),
                       catalogue)
    assert found == {"name_while_enrolled.katakana": "katakana_format", "name_while_enrolled.romaji": "required"}
    data = parse_applicant(changed(applicant, "name_while_enrolled", {
        "kanji": "佐藤 花子", "katakana": "サトウ ハナコ", "romaji": "sato hanako"}), catalogue, TODAY)
    assert data.name_while_enrolled is not None and data.name_while_enrolled.romaji == "SATO HANAKO"


def test_lengths_are_bounded_and_the_bound_travels_as_a_param(applicant: dict[str, Any],
                                                                catalogue: Catalogue) -> None:
    raw = changed(changed(changed(applicant, "name.kanji", "山" * 41), "address.city", "千" * 101),
                  "enrollment.student_number", "A" * 21)
    with pytest.raises(InvalidInput) as caught:
        parse_applicant(raw, catalogue, TODAY)
    assert {(v.field, v.code, tuple(v.params.items())) for v in caught.value.violations} == {
        ("name.kanji", "too_long", (("max", 40),)), ("address.city", "too_long", (("max", 100),)),
        ("enrollment.student_number", "student_number_format", (("max", 20),))}


def test_workplace_is_optional_but_checked_when_given(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "workplace", {"name": "証明商事", "postal_code": "12", "phone": "1"}),
                       catalogue)
    assert found == {"workplace.postal_code": "postal_code_format", "workplace.phone": "phone_format"}
    data = parse_applicant(changed(applicant, "workplace", {"name": "証明商事", "postal_code": "5300001"}),
                           catalogue, TODAY)
    assert data.workplace is not None and data.workplace.postal_code == "530-0001"
