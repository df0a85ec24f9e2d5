"""The console's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

REQUIRED = "入力してください。"


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


class ImportForm(FlaskForm):
    file = FileField("卒業生データ（CSV: UTF-8 または Shift_JIS）",
                     validators=[FileRequired("ファイルを選んでください。")])
