"""The applicant form of DOMAIN rule 9 (manual §2.1), as data: the template draws it, the
enrollment adapter sends it. Validation itself is enrollment's; its errors come back by name."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# Enrollment's limit per identity-document image (the hint says so too): the browser checks it
# before uploading, so a photo straight from a phone's camera is refused at its field.
IMAGE_MAX_BYTES = 5 * 1024 * 1024

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県",
    "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県",
    "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県",
    "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県",
    "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # a lazy string, rendered in the user's language
    kind: str = "text"  # text, email, tel, date, month (both typed as text), select, radio, department
    required: bool = False
    hint: object = ""
    choices: tuple[tuple[str, object], ...] = ()
    autocomplete: str = ""


@dataclass(frozen=True)
class Section:
    title: object
    fields: tuple[Field, ...]


SEX = (("", _l("回答しない")), ("male", _l("男性")), ("female", _l("女性")))
STATUS = (("graduated", _l("卒業")), ("withdrew", _l("退学")), ("expelled", _l("除籍")))
ID_DOCUMENTS = (("drivers_license", _l("運転免許証")), ("my_number_card", _l("マイナンバーカード")),
                ("passport", _l("パスポート")), ("health_insurance_card", _l("健康保険証")),
                ("residence_card", _l("在留カード")), ("other", _l("その他")))

# Dates are typed, not picked: a browser's date picker reads mm/dd/yyyy in some setups, and
# people here write 年/月/日. Enrollment reads 1995/4/1, 1995-04-01, 1995年4月1日 and full-width
# digits alike; the hint shows the order.
NAME = Section(_l("氏名"), (
    Field("name_kanji", _l("氏名（漢字）"), required=True, hint=_l("姓と名の間にスペース 例: 山田 太郎"),
          autocomplete="name"),
    Field("name_kana", _l("氏名（カタカナ）"), required=True, hint=_l("全角カタカナ 例: ヤマダ タロウ")),
    Field("name_romaji", _l("氏名（ローマ字）"), required=True, hint=_l("半角英字 例: YAMADA TARO")),
    Field("birth_date", _l("生年月日（西暦）"), "date", required=True, hint=_l("年/月/日の順に 例: 1990/04/01"),
          autocomplete="bday"),
    Field("sex", _l("性別"), "select", choices=SEX),
))
NAME_WHILE_ENROLLED = Section(_l("在学時の氏名（変わった方のみ）"), (
    Field("enrolled_name_kanji", _l("在学時の氏名（漢字）")),
    Field("enrolled_name_kana", _l("在学時の氏名（カタカナ）")),
    Field("enrolled_name_romaji", _l("在学時の氏名（ローマ字）")),
))
ENROLLMENT = Section(_l("在学情報"), (
    Field("department", _l("学部・学科"), "department", required=True),
    Field("student_number", _l("学籍番号"), hint=_l("わかる場合のみ")),
    Field("admission_year_month", _l("入学年月"), "month", hint=_l("年/月の順に 例: 2008/04")),
    Field("graduation_year_month", _l("卒業（修了）年月"), "month", hint=_l("年/月の順に 例: 2012/03")),
    Field("status", _l("区分"), "radio", required=True, choices=STATUS),
))
ADDRESS = Section(_l("現住所・連絡先"), (
    Field("postal_code", _l("郵便番号"), required=True, hint=_l("7桁 例: 530-0001"), autocomplete="postal-code"),
    Field("prefecture", _l("都道府県"), "select", required=True,
          choices=(("", _l("選択してください")), *((p, p) for p in PREFECTURES))),
    Field("city", _l("市区町村"), required=True, autocomplete="address-level2"),
    Field("street", _l("町名・番地"), required=True, autocomplete="address-line1"),
    Field("building", _l("建物名・部屋番号"), autocomplete="address-line2"),
    Field("home_phone", _l("自宅電話番号"), "tel", hint=_l("自宅か携帯のどちらかは必須です")),
    Field("mobile_phone", _l("携帯電話番号"), "tel", autocomplete="tel"),
))
WORKPLACE = Section(_l("勤務先（任意）"), (
    Field("workplace_name", _l("勤務先名")),
    Field("workplace_postal_code", _l("勤務先郵便番号")),
    Field("workplace_address", _l("勤務先住所")),
    Field("workplace_phone", _l("勤務先電話番号"), "tel"),
))
DOCUMENT = Section(_l("本人確認書類"), (
    Field("id_document_type", _l("書類の種類"), "select", required=True,
          choices=(("", _l("選択してください")), *ID_DOCUMENTS)),
))
SECTIONS = (NAME, NAME_WHILE_ENROLLED, ENROLLMENT, ADDRESS, WORKPLACE, DOCUMENT)
# The person, as the graduate's profile keeps it: asked once, at registration.
PERSONAL_SECTIONS = (NAME, ADDRESS, WORKPLACE)
# What belongs to one student number: all manual §2.3 asks for an additional one. No identity
# document: the graduate was proven at registration and is signed in (rule 14).
PER_ENROLLMENT_SECTIONS = (NAME_WHILE_ENROLLED, ENROLLMENT)

FIELD_NAMES = tuple(f.name for s in SECTIONS for f in s.fields)
PERSONAL_FIELDS = tuple(f.name for s in PERSONAL_SECTIONS for f in s.fields)
IMAGE_FIELDS = ("id_front", "id_back")
