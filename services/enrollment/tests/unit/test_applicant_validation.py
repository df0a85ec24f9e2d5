from __future__ import annotations

import copy
from typing import Any

import pytest

from shomei_enrollment.domain.applicant import EnrollmentStatus, parse_applicant
from shomei_enrollment.domain.catalogue import Catalogue
from shomei_enrollment.domain.errors import InvalidData

from .conftest import TODAY


def violations(raw: dict[str, Any], catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    with pytest.raises(InvalidData) as caught:
        parse_applicant(raw, catalogue, TODAY)
    return {v.field: (v.ja, v.en) for v in caught.value.violations}


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
    assert list(found) == ["name.katakana"]
    assert "全角カタカナ" in found["name.katakana"][0] and "katakana" in found["name.katakana"][1]


@pytest.mark.parametrize("typed", ["Yamada Taro", "YAMADA   TARO", " yamada taro "])
def test_romaji_is_upper_case_with_one_space(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert parse_applicant(changed(applicant, "name.romaji", typed), catalogue, TODAY).name.romaji == "YAMADA TARO"


@pytest.mark.parametrize("typed", ["YamadaTaro", "Ｙａｍａｄａ Ｔａｒｏ", "Yamada Tarō", "Yamada1 Taro",
                                   "ヤマダ タロウ"])
def test_romaji_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, "name.romaji", typed), catalogue)) == ["name.romaji"]


def test_missing_required_fields_are_all_named(catalogue: Catalogue) -> None:
    found = violations({}, catalogue)
    assert {"name.kanji", "name.katakana", "name.romaji", "date_of_birth", "enrollment.university",
            "enrollment.status", "address.postal_code", "address.prefecture", "address.city",
            "address.street", "mobile_phone"} <= set(found)
    assert found["name.kanji"] == ("必須項目です。", "This field is required.")


@pytest.mark.parametrize(("typed", "expected"), [("100-0001", "100-0001"), ("1000001", "100-0001"),
                                                 ("１００－０００１", "100-0001"), ("100ー0001", "100-0001")])
def test_postal_code_accepted_and_normalised(typed: str, expected: str, applicant: dict[str, Any],
                                             catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "address.postal_code", typed), catalogue, TODAY)
    assert data.address.postal_code == expected


@pytest.mark.parametrize("typed", ["100-001", "10000011", "abc-defg", "100--0001"])
def test_postal_code_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, "address.postal_code", typed), catalogue)) == ["address.postal_code"]


def test_prefecture_must_be_one_of_47(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, "address.prefecture", "東京"), catalogue)) == ["address.prefecture"]
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
    assert list(violations(changed(applicant, field, typed), catalogue)) == [field]


def test_at_least_one_phone_is_required(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "mobile_phone", ""), catalogue)
    assert list(found) == ["mobile_phone"] and "少なくとも1つ" in found["mobile_phone"][0]
    assert parse_applicant(changed(changed(applicant, "mobile_phone", ""), "home_phone", "0312345678"),
                           catalogue, TODAY).home_phone == "0312345678"


@pytest.mark.parametrize(("typed", "reason"), [("1990-02-30", "real date"), ("2026-04-11", "future"),
                                               ("1899-12-31", "plausible"), ("2020-01-01", "plausible"),
                                               ("平成2年5月1日", "real date")])
def test_date_of_birth_refused(typed: str, reason: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "date_of_birth", typed), catalogue)
    assert list(found) == ["date_of_birth"] and reason in found["date_of_birth"][1]


def test_date_of_birth_with_slashes_is_accepted(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert parse_applicant(changed(applicant, "date_of_birth", "1990/05/01"), catalogue, TODAY).date_of_birth.day == 1


@pytest.mark.parametrize("typed", ["2026-05", "2012-13", "2012/3", "H24-03"])
def test_graduation_year_month_refused(typed: str, applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, "enrollment.graduation_year_month", typed), catalogue)) == [
        "enrollment.graduation_year_month"]


def test_graduation_this_month_is_fine(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    data = parse_applicant(changed(applicant, "enrollment.graduation_year_month", "2026-04"), catalogue, TODAY)
    assert data.enrollment.graduation_year_month == "2026-04"


@pytest.mark.parametrize(("path", "value"), [("enrollment.university", "other"), ("enrollment.faculty", "med"),
                                             ("enrollment.department", "info")])
def test_catalogue_choices_must_exist(path: str, value: str, applicant: dict[str, Any],
                                      catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, path, value), catalogue)) == [path]


def test_status_sex_and_optional_name_while_enrolled(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    assert list(violations(changed(applicant, "enrollment.status", "休学"), catalogue)) == ["enrollment.status"]
    assert list(violations(changed(applicant, "sex", "other"), catalogue)) == ["sex"]
    found = violations(changed(applicant, "name_while_enrolled", {"kanji": "佐藤 花子", "katakana": "さとう はなこ"}),
                       catalogue)
    assert set(found) == {"name_while_enrolled.katakana", "name_while_enrolled.romaji"}
    data = parse_applicant(changed(applicant, "name_while_enrolled", {
        "kanji": "佐藤 花子", "katakana": "サトウ ハナコ", "romaji": "sato hanako"}), catalogue, TODAY)
    assert data.name_while_enrolled is not None and data.name_while_enrolled.romaji == "SATO HANAKO"


def test_workplace_is_optional_but_checked_when_given(applicant: dict[str, Any], catalogue: Catalogue) -> None:
    found = violations(changed(applicant, "workplace", {"name": "証明商事", "postal_code": "12", "phone": "1"}),
                       catalogue)
    assert set(found) == {"workplace.postal_code", "workplace.phone"}
    data = parse_applicant(changed(applicant, "workplace", {"name": "証明商事", "postal_code": "5300001"}),
                           catalogue, TODAY)
    assert data.workplace is not None and data.workplace.postal_code == "530-0001"
