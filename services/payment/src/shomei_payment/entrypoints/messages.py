"""payment's message catalogue: each of its violation codes in Japanese and English.

The domain and the service layer name a rule and its field; only here is that said in words.
`str.format` fills in the violation's params. Codes every service shares are COMMON's.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

SENTENCES: dict[str, tuple[str, str]] = {
    "payment_not_found": ("お支払いが見つかりません。申請直後の場合は、しばらくしてからもう一度お試しください。",
                          "No payment for this order. If you have just applied, try again in a moment."),
    "payment_not_paypal": ("この申請のお支払い方法はPayPalではありません。",
                           "This order is not paid by PayPal."),
    "payment_already_captured": ("この申請はお支払い済みです。", "This order has been paid already."),
    "payment_pending": ("お支払いは確認中です。確認が済むまでお待ちください。",
                        "Your payment is being reviewed; please wait for the result."),
    "payment_deadline_passed": ("お支払い期限を過ぎています。", "The payment deadline has passed."),
    "payment_not_smartpit": ("この申請のお支払い方法はスマートピットではありません。",
                             "This order is not paid through Smart Pit."),
    "payment_not_started": ("お支払いが開始されていません。", "The payment has not been started."),
    "payment_not_approved": ("PayPalでのお支払いが承認されていません。もう一度PayPalでお手続きください。",
                             "The payment was not approved at PayPal; please approve it there again."),
    "paypal_token_mismatch": ("PayPalから戻った内容がこの申請のお支払いと一致しません。"
                              "この申請の画面からもう一度お支払いください。",
                              "What PayPal returned does not match this order's payment; "
                              "please pay again from this order's page."),
    # Refunds by staff (domain/payment.py request_refund).
    "refund_not_paypal": ("PayPal以外のお支払いは、この画面からは返金できません。",
                          "Only PayPal payments can be refunded here."),
    "refund_not_captured": ("入金済みでないお支払い（または返金済みのお支払い）は返金できません。",
                            "Only a captured payment that is not refunded yet can be refunded."),
    "refund_amount_out_of_range": ("返金額は1〜{most}円の整数で入力してください（入金額から返金済みの額を除いた額"
                                   "まで）。",
                                   "Enter a whole number of yen from 1 to {most} (what is left of the capture)."),
    "refund_after_deadline": ("印刷期限を過ぎた注文です。返金するには、期限後に返金する理由を入力してください。",
                              "The print deadline has passed: give the reason for refunding after it."),
}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
