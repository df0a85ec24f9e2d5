"""How the console shows times (JST) and application fields (Japanese labels)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")

# Staff read the enrollment data keys as the manual names them.
FIELD_LABELS = {
    "name.kanji": "氏名（漢字）", "name.katakana": "氏名（カタカナ）", "name.romaji": "氏名（ローマ字）",
    "date_of_birth": "生年月日", "sex": "性別", "name_while_enrolled.kanji": "在学時の氏名（漢字）",
    "name_while_enrolled.katakana": "在学時の氏名（カタカナ）",
    "name_while_enrolled.romaji": "在学時の氏名（ローマ字）",
    "enrollment.university": "大学", "enrollment.faculty": "学部", "enrollment.department": "学科",
    "enrollment.student_number": "学籍番号", "enrollment.graduation_year_month": "卒業（修了）年月",
    "enrollment.status": "区分", "address.postal_code": "郵便番号", "address.prefecture": "都道府県",
    "address.city": "市区町村", "address.street": "町名・番地", "address.building": "建物名・部屋番号",
    "home_phone": "自宅電話番号", "mobile_phone": "携帯電話番号", "workplace.name": "勤務先名",
    "workplace.postal_code": "勤務先郵便番号", "workplace.address": "勤務先住所", "workplace.phone": "勤務先電話番号",
    "document_type": "本人確認書類", "email": "メールアドレス",
}


def jst(moment: datetime) -> str:
    return moment.astimezone(JST).strftime("%Y-%m-%d %H:%M")
