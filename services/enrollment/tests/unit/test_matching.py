from __future__ import annotations

from datetime import date

from shomei_enrollment.domain.matching import AlumniSummary, MatchQuery, score, suggest_matches
from shomei_enrollment.domain.text import kana_key

RECORDS = [
    AlumniSummary("r1", "A1234", "山田　太郎", "ヤマダ　タロウ", date(1990, 5, 1)),
    AlumniSummary("r2", "A9999", "山田　太郎", "ヤマダ　タロウ", date(1985, 1, 1)),
    AlumniSummary("r3", "B0001", "佐藤　花子", "サトウ　ハナコ", date(1990, 5, 1)),
    AlumniSummary("r4", "C0001", "鈴木　一郎", "スズキ　イチロウ", date(1970, 1, 1)),
]


def test_kana_key_folds_widths_hiragana_small_kana_and_spaces() -> None:
    assert kana_key("ﾔﾏﾀﾞ ﾀﾛｳ") == kana_key("やまだ　たろう") == kana_key("ヤマダタロウ") == "ヤマダタロウ"
    assert kana_key("キョウコ") == kana_key("キヨウコ")


def test_all_three_fields_score_highest() -> None:
    query = MatchQuery("a1234", date(1990, 5, 1), ("ﾔﾏﾀﾞ ﾀﾛｳ",))
    best = suggest_matches(query, RECORDS)
    assert [s.record.record_id for s in best] == ["r1", "r3", "r2"]
    assert best[0].score == 100 and best[0].matched_fields == ("student_number", "date_of_birth", "name_kana")
    assert best[1].matched_fields == ("date_of_birth",) and best[2].matched_fields == ("name_kana",)


def test_name_while_enrolled_matches_a_maiden_name() -> None:
    query = MatchQuery("", date(1990, 5, 1), ("タナカ　ハナコ", "サトウ　ハナコ"))
    suggestion = score(query, RECORDS[2])
    assert suggestion.matched_fields == ("date_of_birth", "name_kana") and suggestion.score == 50


def test_nothing_in_common_suggests_nothing_and_limit_is_kept() -> None:
    assert suggest_matches(MatchQuery("Z1", date(2000, 1, 1), ("ナイ　ヒト",)), RECORDS) == []
    query = MatchQuery("", date(1990, 5, 1), ("ヤマダ タロウ",))
    assert len(suggest_matches(query, RECORDS, limit=2)) == 2
