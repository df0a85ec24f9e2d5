"""How the console shows times (JST) and application fields (Japanese labels)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")

# Staff read the enrollment data keys as the manual names them.
FIELD_LABELS = {
    "name_kanji": "氏名（漢字）", "name_kana": "氏名（カタカナ）", "name_romaji": "氏名（ローマ字）",
    "birth_date": "生年月日", "sex": "性別", "enrolled_name_kanji": "在学時の氏名（漢字）",
    "enrolled_name_kana": "在学時の氏名（カタカナ）", "enrolled_name_romaji": "在学時の氏名（ローマ字）",
    "department": "学部・学科", "student_number": "学籍番号", "graduation_year_month": "卒業（修了）年月",
    "status": "区分", "postal_code": "郵便番号", "prefecture": "都道府県", "city": "市区町村",
    "street": "町名・番地", "building": "建物名・部屋番号", "home_phone": "自宅電話番号",
    "mobile_phone": "携帯電話番号", "workplace_name": "勤務先名", "workplace_postal_code": "勤務先郵便番号",
    "workplace_address": "勤務先住所", "workplace_phone": "勤務先電話番号", "id_document_type": "本人確認書類",
    "email": "メールアドレス",
}


def jst(moment: datetime) -> str:
    return moment.astimezone(JST).strftime("%Y-%m-%d %H:%M")
