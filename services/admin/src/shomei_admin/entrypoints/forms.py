"""The console's forms."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

REQUIRED = "入力してください。"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_FORMAT = "日付を YYYY-MM-DD 形式で入力してください。"


def show_at_fields(form: FlaskForm, errors: Mapping[str, str], fields: Mapping[str, str]) -> None:
    """A service's refusals at the form's fields (`fields`: the service's name → the form's);
    what names no field goes above the form."""
    for name, reason in errors.items():
        target = getattr(form, fields.get(name, ""), None)
        if target is None:
            form.form_errors.append(reason)
        else:
            target.errors = [*target.errors, reason]


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


CHOOSE_FILE = "ファイルを選んでください。"


class ImportForm(FlaskForm):
    file = FileField("卒業生データ（CSV: UTF-8 または Shift_JIS）", validators=[FileRequired(CHOOSE_FILE)])


class RecordsImportForm(FlaskForm):
    records = FileField("成績・学位の記録（CSV: 学籍番号ごとに1行）", validators=[FileRequired(CHOOSE_FILE)])
    courses = FileField("履修科目（CSV: 科目ごとに1行）", validators=[FileRequired(CHOOSE_FILE)])


class RecordLookupForm(FlaskForm):
    """A GET form: a student number's record history is a link staff can keep."""

    class Meta:
        csrf = False

    student_number = StringField("学籍番号", validators=[DataRequired(REQUIRED), Length(max=20)])


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
    president_title_ja = StringField("証明書の発行者: 職名（日本語。例: 学長）", validators=[Length(max=100)])
    president_title_en = StringField("証明書の発行者: 職名（英語。例: President）", validators=[Length(max=100)])
    president_name_ja = StringField("証明書の発行者: 氏名（日本語）", validators=[Length(max=100)])
    president_name_en = StringField("証明書の発行者: 氏名（英語）", validators=[Length(max=100)])
    seal = FileField("公印画像（png。背景は透明に。変更する場合のみ）")


class OrderFilterForm(FlaskForm):
    """The order search: a GET form, so a search is a link staff can keep (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    order_id = StringField("注文番号", validators=[Length(max=60)], render_kw={"type": "search"})
    person = StringField("氏名・カナ・メールアドレス", validators=[Length(max=100)], render_kw={"type": "search"})
    student_number = StringField("学籍番号", validators=[Length(max=40)])
    status = SelectField("状態", choices=[SelectChoice("", "すべて"), SelectChoice("placed", "お支払い待ち"),
                                        SelectChoice("paid", "支払済"), SelectChoice("cancelled", "取消"),
                                        SelectChoice("expired", "期限切れ")], validate_choice=False)
    alert = SelectField("要確認", choices=[SelectChoice("", "指定しない"),
                                        SelectChoice("payment_reversed", "入金が取り消された注文（速報取消）")],
                        validate_choice=False)
    first_day = StringField("注文日（から）", validators=[Optional(), Regexp(DATE, message=DATE_FORMAT)],
                            render_kw={"type": "date"})
    last_day = StringField("注文日（まで）", validators=[Optional(), Regexp(DATE, message=DATE_FORMAT)],
                           render_kw={"type": "date"})

    def validate_last_day(self, field: StringField) -> None:
        first, last = self.first_day.data or "", field.data or ""
        # Both are YYYY-MM-DD when they passed their own checks, so they compare as text.
        if first and last and not self.first_day.errors and not field.errors and last < first:
            raise ValidationError("「注文日（まで）」は「注文日（から）」以降の日付にしてください。")



class CheckboxesField(SelectMultipleField):
    """Several choices as check boxes (none checked is a choice ordering refuses at the field)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CertificateTypeForm(Form):
    """One certificate type of the catalogue. Amounts stay text here: ordering checks them (and the
    rest) and names the field in the staff member's language; a blank row is no type."""

    code = StringField("コード", validators=[Length(max=40)])
    name_ja = StringField("名称（日本語）", validators=[Length(max=200)])
    name_en = StringField("名称（英語）", validators=[Length(max=200)])
    fee = StringField("手数料（円）", validators=[Length(max=12)])
    pages = StringField("ページ数", validators=[Length(max=6)])
    statuses = CheckboxesField("申請できる在籍状況", choices=[SelectChoice(s, s) for s in ("卒業", "退学", "除籍")],
                               validate_choice=False)
    programmes = CheckboxesField("申請できる課程", choices=[SelectChoice(p, p) for p in ("学部", "大学院")],
                                 validate_choice=False)
    store_printing = BooleanField("コンビニで印刷")
    language = SelectField("言語", choices=[SelectChoice("ja", "日本語"), SelectChoice("en", "英語")],
                           validate_choice=False)
    # Which certificate the print service renders for this type (ordering's TEMPLATES); "" lets
    # ordering tell it from the code or the name, or ask for it at this field.
    template = SelectField("証明書の様式", choices=[SelectChoice(code, name) for code, name in (
        ("", "選んでください"), ("graduation", "卒業証明書"), ("completion", "修了証明書"),
        ("degree", "学位取得証明書"), ("transcript", "成績証明書"), ("enrollment_period", "在籍期間証明書"),
        ("expected_graduation", "卒業見込証明書"))], validate_choice=False)
    remove = BooleanField("この種類を削除")


class CatalogueForm(FlaskForm):
    types = FieldList(FormField(CertificateTypeForm), min_entries=1)
    usage_fee = StringField("システム利用料（円）", validators=[Length(max=12)])
    netprint = StringField("印刷料金の目安 1ページ（ネットプリント、円）", validators=[Length(max=12)])
    sharp = StringField("印刷料金の目安 1ページ（シャープ、円）", validators=[Length(max=12)])
    payment_methods = CheckboxesField("支払方法", choices=[SelectChoice("paypal", "PayPal"),
                                                        SelectChoice("smartpit", "Smart Pit")],
                                      validate_choice=False)


class ResendForm(FlaskForm):
    """Resend one of an order's mails. `request_key` is made when the page is shown: the same
    form sent twice (a double click) is one resend at the notifier."""

    request_key = HiddenField(validators=[DataRequired(), Length(min=8, max=64)])


class TransferRefundForm(FlaskForm):
    """Money not applied, given back by bank transfer outside the system: staff record it with why.
    Sent twice (a double click), ordering records it once."""

    reason = TextAreaField("返金の記録（振込日・振込先など。記録に残ります）",
                           validators=[DataRequired(REQUIRED), Length(max=500)])


class RefundForm(FlaskForm):
    """A refund of a PayPal payment. `request_key` is made when the page is shown: the same form
    sent twice (a double click) is one refund at payment."""

    request_key = HiddenField(validators=[DataRequired(), Length(min=8, max=100)])
    amount = StringField("返金額（円）", validators=[
        DataRequired(REQUIRED), Regexp(r"^\s*\d{1,9}\s*$", message="返金額を半角数字（円）で入力してください。")])
    reason = TextAreaField("返金の理由（記録に残ります）", validators=[DataRequired(REQUIRED), Length(max=1000)])
    override_reason = TextAreaField("印刷期限を過ぎた注文を返金する理由（期限後のみ必須）",
                                    validators=[Length(max=1000)])


class CertificateSearchForm(FlaskForm):
    """Verification: find a certificate by its code (as printed or read aloud) or its order. A GET form."""

    class Meta:
        csrf = False

    code = StringField("確認コード", validators=[Length(max=60)], render_kw={"type": "search"})
    order_id = StringField("注文番号", validators=[Length(max=60)], render_kw={"type": "search"})


class RevocationForm(FlaskForm):
    """Revoking a certificate: the reason is shown on the public verification page."""

    reason = TextAreaField("取り消しの理由（確認ページに表示されます）", validators=[DataRequired(REQUIRED),
                                                                     Length(max=500)])


class PrintRetryForm(FlaskForm):
    """Retry a failed print submission: the CSRF token only. A double click is one retry:
    print-gateway queues a failed order once and answers the second click "already"."""
