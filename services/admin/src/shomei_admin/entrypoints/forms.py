"""The console's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

REQUIRED = "入力してください。"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_FORMAT = "日付を YYYY-MM-DD 形式で入力してください。"


class StaffLoginForm(FlaskForm):
    email = EmailField("メールアドレス", validators=[DataRequired(REQUIRED)])
    password = PasswordField("パスワード", validators=[DataRequired(REQUIRED)])
    totp = StringField("確認コード（認証アプリの6桁）", validators=[
        DataRequired(REQUIRED), Regexp(r"^\d{6}$", message="6桁の数字を入力してください。")])


class DecisionForm(FlaskForm):
    decision = RadioField("判定", choices=[("approve", "承認"), ("return", "再申請を依頼"), ("reject", "却下")],
                          validators=[DataRequired("判定を選んでください。")])
    # No Optional(): it would stop the chain before validate_student_number can require it on approval.
    student_number = StringField("学籍番号（承認時）", validators=[Length(max=32)])
    reason = TextAreaField("理由（却下・再申請の場合は必須。申請者へのメールに記載されます）",
                           validators=[Length(max=1000)])

    def validate_reason(self, field: TextAreaField) -> None:
        if self.decision.data in ("reject", "return") and not (field.data or "").strip():
            raise ValidationError("却下・再申請の場合は理由を入力してください。")

    def validate_student_number(self, field: StringField) -> None:
        if self.decision.data == "approve" and not (field.data or "").strip():
            raise ValidationError("承認する学籍番号を入力してください（照合候補から選べます）。")


class DecidedFilterForm(FlaskForm):
    """The decided list's filters: a GET form, so a filtered list is a link staff can keep or share
    with a colleague (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    # An unknown choice (a hand-edited address) is named by enrollment at its field, in Japanese.
    decision = SelectField("判定", choices=[SelectChoice("", "すべて"), SelectChoice("approved", "承認済"),
                                          SelectChoice("approval_failed", "承認できず"),
                                          SelectChoice("rejected", "却下"), SelectChoice("returned", "再申請依頼")],
                           validate_choice=False)
    kind = SelectField("種別", choices=[SelectChoice("", "すべて"), SelectChoice("registration", "新規登録"),
                                      SelectChoice("student_number", "学籍番号追加")], validate_choice=False)
    # Text with the browser's date picker: enrollment checks the date itself and names the field.
    first_day = StringField("判定日（から）", validators=[Optional(), Regexp(DATE, message=DATE_FORMAT)],
                            render_kw={"type": "date"})
    last_day = StringField("判定日（まで）", validators=[Optional(), Regexp(DATE, message=DATE_FORMAT)],
                           render_kw={"type": "date"})
    q = StringField("検索（氏名・カナ・メールアドレス・学籍番号）", validators=[Length(max=100)],
                    render_kw={"type": "search"})

    def validate_last_day(self, field: StringField) -> None:
        # ISO dates compare as text.
        if field.data and self.first_day.data and not self.first_day.errors and field.data < self.first_day.data:
            raise ValidationError("終了日は開始日以降にしてください。")


class LanguageForm(FlaskForm):
    language = SelectField("表示言語 / Language", choices=[SelectChoice("ja", "日本語"),
                                                         SelectChoice("en", "English", render_kw={"lang": "en"})])


class ImportForm(FlaskForm):
    file = FileField("卒業生データ（CSV: UTF-8 または Shift_JIS）",
                     validators=[FileRequired("ファイルを選んでください。")])


class TenantProfileForm(FlaskForm):
    """The university's profile; enrollment checks it (colours' contrast, lengths, the logo)."""

    name_ja = StringField("大学名（日本語）", validators=[DataRequired(REQUIRED), Length(max=100)])
    name_en = StringField("大学名（英語）", validators=[DataRequired(REQUIRED), Length(max=100)])
    accent = StringField("基調色（#rrggbb。ヘッダーとボタン、白地のリンク）", validators=[DataRequired(REQUIRED)])
    accent_ink = StringField("基調色の上の文字色（#rrggbb）", validators=[DataRequired(REQUIRED)])
    contact_email = EmailField("お問い合わせ先メールアドレス（画面とメールに表示）",
                               validators=[DataRequired(REQUIRED)])
    terms_ja = TextAreaField("利用許諾（日本語。共通の条項に続けて表示。空行で段落を分けます）")
    terms_en = TextAreaField("利用許諾（英語）")
    notes_ja = TextAreaField("注意事項（日本語。1行に1項目）")
    notes_en = TextAreaField("注意事項（英語）")
    closures = TextAreaField("休業期間（1行に1期間: 開始日 終了日 名称。例: 2026-08-10 2026-08-16 夏季休業）")
    logo = FileField("ロゴ画像（png・jpg・gif。変更する場合のみ）")
