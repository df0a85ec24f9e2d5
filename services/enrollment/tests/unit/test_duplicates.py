from __future__ import annotations

from shomei_enrollment.domain.duplicates import ApplicantKey, DuplicateReason, PossibleDuplicate, possible_duplicates


def key(application_id: str, email: str, kanji: str = "山田 太郎", kana: str = "ヤマダ タロウ",
        born: str = "1990-04-01") -> ApplicantKey:
    return ApplicantKey(application_id, email, kanji, kana, born)


def test_the_same_address_ignoring_case_or_the_same_name_and_birth_date_is_a_possible_duplicate() -> None:
    found = possible_duplicates([
        key("a", "Taro@Example.jp"), key("b", "taro@example.jp", "別人 次郎", "ベツジン ジロウ", "1980-01-01"),
        key("c", "new@example.jp", "山田　太郎"), key("d", "other@example.jp", "山田 太朗", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        key("e", "e@example.jp", born="1991-04-01")])
    assert found["a"] == [PossibleDuplicate("b", (DuplicateReason.SAME_EMAIL,)),
                          PossibleDuplicate("c", (DuplicateReason.SAME_NAME_AND_BIRTH_DATE,)),
                          PossibleDuplicate("d", (DuplicateReason.SAME_NAME_AND_BIRTH_DATE,))]
    assert found["b"] == [PossibleDuplicate("a", (DuplicateReason.SAME_EMAIL,))]
    assert "e" not in found  # the same name born another day is another person


def test_both_reasons_are_named_once_and_an_application_is_never_its_own_duplicate() -> None:
    found = possible_duplicates([key("a", "x@example.jp"), key("b", "X@example.jp")])
    assert found == {"a": [PossibleDuplicate("b", (DuplicateReason.SAME_EMAIL,
                                                   DuplicateReason.SAME_NAME_AND_BIRTH_DATE))],
                     "b": [PossibleDuplicate("a", (DuplicateReason.SAME_EMAIL,
                                                   DuplicateReason.SAME_NAME_AND_BIRTH_DATE))]}
    assert possible_duplicates([key("a", "")]) == {}
