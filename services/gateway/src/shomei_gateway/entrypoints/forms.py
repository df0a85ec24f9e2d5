"""Forms of the applicant screens. They check only what the browser can (presence, the two
entries of a pair being equal); the rules themselves live in identity and enrollment, whose
field errors are shown at the same fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

REQUIRED = _l("入力してください。")


class EmailTwiceForm(FlaskForm):
    email = EmailField(_l("メールアドレス"), validators=[DataRequired(REQUIRED), Length(max=254)])
    email_again = EmailField(_l("メールアドレス（確認）"), validators=[
        DataRequired(REQUIRED), EqualTo("email", _l("同じメールアドレスを2回入力してください。"))])


class EmailChangeForm(EmailTwiceForm):
    """Rule 17, and the current password (issue 8): a session alone must not move the address
    that reset links go to."""

    current_password = PasswordField(_l("現在のパスワード"), validators=[DataRequired(REQUIRED)])


class TermsForm(FlaskForm):
    agree = BooleanField(_l("上記内容に同意する"), validators=[
        DataRequired(_l("利用規約に同意いただく必要があります。"))])


class LoginForm(FlaskForm):
    email = EmailField(_l("メールアドレス"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("パスワード"), validators=[DataRequired(REQUIRED)])
    # Empty at the first login, when only the initial password exists (manual §2.2).
    second_password = PasswordField(_l("第2パスワード"))


class NewPasswordsForm(FlaskForm):
    password = PasswordField(_l("新しいパスワード"), validators=[DataRequired(REQUIRED), Length(max=128)])
    password_again = PasswordField(_l("新しいパスワード（確認）"), validators=[
        DataRequired(REQUIRED), EqualTo("password", _l("確認用と一致しません。"))])
    second_password = PasswordField(_l("新しい第2パスワード"), validators=[DataRequired(REQUIRED), Length(max=128)])
    second_password_again = PasswordField(_l("新しい第2パスワード（確認）"), validators=[
        DataRequired(REQUIRED), EqualTo("second_password", _l("確認用と一致しません。"))])


class ChangeOneForm(FlaskForm):
    current = PasswordField(_l("現在のパスワード"), validators=[DataRequired(REQUIRED)])
    new = PasswordField(_l("新しいパスワード"), validators=[DataRequired(REQUIRED), Length(max=128)])
    new_again = PasswordField(_l("新しいパスワード（確認）"), validators=[
        DataRequired(REQUIRED), EqualTo("new", _l("確認用と一致しません。"))])


class ChangeSecondForm(FlaskForm):
    """Rule 18: the second password's own change (old, new, confirmation), labelled as such."""

    current = PasswordField(_l("現在の第2パスワード"), validators=[DataRequired(REQUIRED)])
    new = PasswordField(_l("新しい第2パスワード"), validators=[DataRequired(REQUIRED), Length(max=128)])
    new_again = PasswordField(_l("新しい第2パスワード（確認）"), validators=[
        DataRequired(REQUIRED), EqualTo("new", _l("確認用と一致しません。"))])


class ForgotForm(FlaskForm):
    email = EmailField(_l("メールアドレス"), validators=[DataRequired(REQUIRED)])


class ConfirmForm(FlaskForm):
    """No fields: the CSRF token is what this form carries."""


class CodeForm(FlaskForm):
    """The public verification page's, sent by GET: looking up changes nothing the visitor owns,
    and a link can carry the code (ADR 0036)."""

    class Meta:
        csrf = False

    code = StringField(_l("確認コード"), validators=[DataRequired(REQUIRED), Length(max=60)])
