"""Enrollment's message catalogue: each violation code its Japanese and English sentence.

The domain and the service layer name a rule and the field it concerns; only here is that said
in words, in the language the request asks for. `str.format` fills in the violation's params.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

_APPLICANT = {
    # Names, dates and the enrollment record (domain/names.py, domain/applicant.py).
    "katakana_format": ("全角カタカナで、姓と名の間にスペースを入れて入力してください（例: ヤマダ タロウ）。",
                        "Use full-width katakana with a space between family and given name (e.g. ヤマダ タロウ)."),
    "romaji_format": ("半角英字で、姓と名の間にスペースを入れて入力してください（例: YAMADA TARO）。",
                      "Use ASCII letters with a space between family and given name (e.g. YAMADA TARO)."),
    "date_format": ("西暦の年/月/日の順に、正しい日付を入力してください（例: 1990/04/01）。",
                    "Enter a real date as year/month/day in the Western calendar (e.g. 1990/04/01)."),
    "date_in_future": ("未来の日付は入力できません。", "The date cannot be in the future."),
    "date_of_birth_implausible": ("生年月日を確認してください。",
                                  "Please check the date of birth; it is not plausible."),
    "year_month_format": ("西暦の年/月の順に入力してください（例: 2012/03）。",
                          "Enter the year and month as year/month in the Western calendar (e.g. 2012/03)."),
    "year_month_in_future": ("未来の年月は入力できません。", "The month cannot be in the future."),
    "graduation_before_birth": ("卒業（修了）年月が生年月日より前になっています。年を確認してください。",
                                "The graduation month is before the date of birth; please check the year."),
    "graduation_before_admission": ("卒業（修了）年月が入学年月より前になっています。年を確認してください。",
                                    "The graduation month is before the admission month; please check the year."),
    "admission_before_birth": ("入学年月が生年月日より前になっています。年を確認してください。",
                               "The admission month is before the date of birth; please check the year."),
    "admission_too_young": ("入学年月が{min_age}歳より前になっています。年を確認してください。",
                            "The admission month is before the age of {min_age}; please check the year."),
    "graduation_too_young": ("卒業（修了）年月が{min_age}歳より前になっています。年を確認してください。",
                             "The graduation month is before the age of {min_age}; please check the year."),
    "sex_not_listed": ("性別を選択肢から選んでください。", "Choose male, female or unspecified."),
    "university_not_listed": ("大学名を一覧から選択してください。", "Choose the university from the list."),
    "faculty_not_listed": ("学部名を一覧から選択してください。", "Choose the faculty from the list."),
    "department_not_listed": ("学科名を一覧から選択してください。", "Choose the department from the list."),
    "student_number_format": ("学籍番号は半角英数字{max}文字以内で入力してください。",
                              "Use at most {max} letters, digits or hyphens."),
    "status_not_listed": ("卒業・退学・除籍から選択してください。", "Choose graduated, withdrew or expelled."),
    # Address and phones (domain/contact.py).
    "postal_code_format": ("郵便番号は7桁の数字で入力してください（例: 100-0001）。",
                           "Enter a 7-digit postal code (e.g. 100-0001)."),
    "prefecture_not_listed": ("都道府県を選択してください。", "Choose one of the 47 prefectures."),
    "phone_required": ("自宅または携帯の電話番号を少なくとも1つ入力してください。",
                       "Enter at least one phone number (home or mobile)."),
    "phone_format": ("電話番号は0から始まる10〜11桁の数字で入力してください（ハイフン可）。",
                     "Enter a phone number of 10–11 digits starting with 0 (hyphens allowed)."),
    "mobile_phone_format": ("携帯電話番号は090-1234-5678の形式で入力してください。",
                            "Enter a mobile number like 090-1234-5678."),
    # Enrollment has always said "Use at most …" in English; the shared sentence says "Enter".
    "too_long": ("{max}文字以内で入力してください。", "Use at most {max} characters."),
}

_APPLICATION = {
    # The identity document and its images (service_layer/submission.py, adapters/images.py).
    "document_type_not_listed": ("本人確認書類の種類を選択してください。", "Choose the identity document type."),
    "front_image_required": ("本人確認書類の画像（表面）を添付してください。",
                             "Attach an image of the document's front."),
    "too_many_images": ("画像は表面と裏面の2枚までです。", "Attach at most two images: front and back."),
    "image_too_large": ("画像は{max_mb}MB以下にしてください。", "The image must be at most {max_mb} MB."),
    "image_format": ("jpg・gif・png形式の画像を選択してください。", "Choose a JPEG, GIF or PNG image."),
    "image_too_many_pixels": ("画像の画素数が大きすぎます（{max_megapixels}メガピクセルまで）。"
                              "縮小した画像を選択してください。",
                              "The image has too many pixels (at most {max_megapixels} megapixels). "
                              "Choose a smaller image."),
    "image_unreadable": ("画像を読み取れません。別の画像を選択してください。",
                         "The image cannot be read; please choose another one."),
    "image_not_base64": ("画像データ（base64）が正しくありません。", "The image is not valid base64."),
    # Submitting, resubmitting and deciding (domain/application.py, service_layer/).
    "verified_registration_not_found": ("メールアドレスの確認が済んだ登録が見つかりません。",
                                        "No verified registration with this id."),
    "already_submitted": ("この登録の申請は受付済みです。",
                          "An application was already submitted for this registration."),
    # A university's profile (domain/tenant_profile.py, service_layer/tenant_profiles.py).
    "contact_email_format": ("メールアドレスの形式で入力してください。", "Enter an e-mail address."),
    "colour_format": ("色は #rrggbb 形式（例: #0b5394）で入力してください。",
                      "Enter a colour as #rrggbb (e.g. #0b5394)."),
    "ink_contrast_too_low": ("文字色と基調色のコントラスト比が {min}:1 未満で読みにくくなります。",
                             "The text colour on the accent colour has a contrast below {min}:1."),
    "accent_contrast_too_low": ("白い背景に対するコントラスト比が {min}:1 未満です。より濃い色にしてください。",
                                "Contrast against the white page is below {min}:1; choose a darker colour."),
    "too_many_closures": ("休業期間は{max}件までです。", "At most {max} closure periods."),
    "closure_dates_format": ("開始日と終了日を YYYY-MM-DD 形式で入力してください。",
                             "Enter the first and last day as YYYY-MM-DD."),
    "closure_range": ("終了日は開始日以降、期間は{max_days}日以内にしてください。",
                      "The last day must follow the first, within {max_days} days."),
    "logo_too_large": ("ロゴ画像は{max_mb}MB以下にしてください。", "The logo must be at most {max_mb} MB."),
    "tenant_not_found": ("大学が見つかりません。", "No such university."),
    "logo_not_found": ("ロゴ画像はありません。", "No logo."),
    "tenant_id_format": ("大学IDは英小文字・数字・ハイフンで、予約語以外にしてください。",
                         "A tenant id is lower-case letters, digits and hyphens, and not a reserved word."),
    "application_not_found": ("申請が見つかりません。", "No such application."),
    "resubmission_link_invalid": ("この再申請のURLは無効です。メールのURLをもう一度確認してください。",
                                  "This re-application link is not valid. Check the link in the mail."),
    "resubmission_link_used": ("この再申請のURLは既に使用されています。",
                               "This re-application link has already been used."),
    "resubmission_link_expired": ("この再申請のURLは有効期限が切れています。大学にお問い合わせください。",
                                  "This re-application link has expired. Please contact the university."),
    "document_not_found": ("画像が見つかりません。", "No such image."),
    "not_returned_for_resubmission": ("再申請を求められた申請ではありません。",
                                      "This application was not returned for re-application."),
    "decision_not_listed": ("承認・却下・再申請依頼から選択してください。", "Choose approve, reject or return."),
    # The staff's decided-applications list (service_layer/queries.py decided_search).
    "decided_status_not_listed": ("承認済・却下・再申請依頼から選択してください。",
                                  "Choose approved, rejected or returned."),
    "kind_not_listed": ("新規登録・学籍番号追加から選択してください。", "Choose registration or student number."),
    "positive_number": ("1以上の整数で入力してください。", "Enter a whole number of at least 1."),
    "too_large": ("{max}以下にしてください。", "Use at most {max}."),
    "review_not_permitted": ("この申請を審査する権限がありません。", "You may not review this application."),
    "not_awaiting_review": ("この申請は審査待ちではありません。", "This application is not awaiting review."),
    "reason_length": ("理由を{max}文字以内で入力してください。", "Give a reason of at most {max} characters."),
    "student_number_to_link_required": ("学籍番号を指定してください。", "Give the student number to link."),
    # Graduates and their profiles (service_layer/graduates.py, service_layer/decisions.py).
    "graduate_not_found": ("利用者が見つかりません。", "No graduate with this account."),
    "applying_account_without_graduate": ("利用者が見つかりません。", "The applying account has no graduate record."),
    "not_changeable": ("この項目は変更できません。大学へお問い合わせください。",
                       "This item cannot be changed here; please contact the university."),
}

_ALUMNI_IMPORT = {
    # The file as a whole (service_layer/alumni_import.py, entrypoints/api_staff.py).
    "csv_file_required": ("CSVファイルを選択してください。", "Choose a CSV file."),
    "csv_file_too_large": ("ファイルは{max_mb}MB以下にしてください。", "The file must be at most {max_mb} MB."),
    "csv_encoding_unknown": ("文字コードを判別できません。UTF-8またはShift_JISで保存してください。",
                             "Cannot read the file; save it as UTF-8 or Shift_JIS."),
    "csv_columns_missing": ("見出し行に次の列がありません: {columns}", "The header row lacks these columns: {columns}"),
    "csv_too_many_rows": ("一度に取り込めるのは{max}行までです。", "Import at most {max} rows at a time."),
    # One row (domain/alumni.py).
    "student_number_length": ("学籍番号を{max}文字以内で入力してください。",
                              "Give a student number of at most {max} characters."),
    "student_number_repeated": ("同じ学籍番号がファイル内で重複しています。",
                                "This student number appears twice in the file."),
    "name_kanji_invalid": ("氏名（漢字）を入力してください。", "Give the name in kanji."),
    "faculty_not_in_catalogue": ("学部が学部一覧にありません。", "The faculty is not in the catalogue."),
    "department_not_in_catalogue": ("学科が学科一覧にありません。", "The department is not in the catalogue."),
}

_ACADEMIC_RECORDS = {
    # The record and course files (domain/academic_record.py, service_layer/academic_records_import.py).
    "degree_unknown": ("学位は次のいずれかにしてください: {allowed}", "The degree must be one of: {allowed}"),
    "degree_names_incomplete": ("学位・学位名（日本語）・学位名（英語）は、"
                                "すべて入力するか、すべて空欄にしてください。",
                                "Give the degree with its Japanese and English names, or leave all three empty."),
    "date_before_admission": ("入学日より後の日付にしてください。", "The date must be after the admission date."),
    "date_not_for_status": ("学籍の在籍状況（卒業・退学・除籍）と合わない日付です。",
                            "This date does not fit the alumni record's status (graduated, withdrew, expelled)."),
    "degree_not_for_status": ("卒業していない学籍番号に学位は記録できません。",
                              "A student number that did not graduate has no degree."),
    "degree_not_of_programme": ("学部の卒業は学士、大学院の修了は修士・博士・専門職です。",
                                "A faculty confers a bachelor's degree, a graduate school a master's, "
                                "doctorate or professional degree."),
    "credits_format": ("単位数は0以上{max}以下、0.5単位刻みで入力してください。",
                       "Credits must be between 0 and {max}, in steps of 0.5."),
    "grade_unknown": ("評価は次のいずれかにしてください: {allowed}", "The grade must be one of: {allowed}"),
    "course_without_record": ("この学籍番号の行が記録ファイルにありません。",
                              "The records file has no row for this student number."),
    "student_number_not_in_alumni": ("この学籍番号は卒業生データにありません。先に卒業生データを取り込んでください。",
                                     "This student number is not in the alumni records; import those first."),
    "too_many_courses": ("1つの学籍番号に記録できる科目は{max}件までです。",
                         "A student number can list at most {max} courses."),
    "record_not_found": ("証明書のための記録が見つかりません。", "No record for a certificate was found."),
    # The issuer's seal (service_layer/tenant_profiles.py).
    "seal_format_png": ("公印画像はPNG形式にしてください。", "The seal must be a PNG image."),
    "seal_too_large": ("公印画像は{max_mb}MB以下にしてください。", "The seal must be at most {max_mb} MB."),
    "seal_not_found": ("公印画像はありません。", "No seal."),
}

# Enrollment's own codes (a test holds them to the codes its code raises); the rest are COMMON's.
SENTENCES: dict[str, tuple[str, str]] = {**_APPLICANT, **_APPLICATION, **_ALUMNI_IMPORT, **_ACADEMIC_RECORDS}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
