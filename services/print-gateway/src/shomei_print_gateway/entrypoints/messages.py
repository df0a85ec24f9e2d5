"""print-gateway's message catalogue: each of its violation codes in Japanese and English.

The domain and the service layer name a rule and its field; only here is that said in words.
`str.format` fills in the violation's params. Codes every service shares are COMMON's.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

SENTENCES: dict[str, tuple[str, str]] = {
    # Verification (ADR 0036): said at the code field of the public page and the console.
    "code_malformed": ("確認コードは英数字16文字です（例：7KQ4-M2XD-9P3F-WA6T）。"
                       "証明書に印刷されたとおりに入力してください。",
                       "A verification code is 16 letters and digits (e.g. 7KQ4-M2XD-9P3F-WA6T). Type it as printed "
                       "on the certificate."),
    "certificate_not_found": ("この確認コードの証明書はありません。入力に誤りがないかご確認ください。",
                              "No certificate has this verification code. Check that it is typed as printed."),
    "reason_too_long": ("理由は{max}文字以内で入力してください。", "Give a reason of at most {max} characters."),
    "print_order_not_found": ("印刷の申込が見つかりません。", "No such print order."),
    "print_order_not_failed": ("この申込は登録に失敗していないため、再試行できません。",
                               "This order's submission has not failed, so there is nothing to retry."),
}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
