"""ordering's message catalogue: each of its violation codes in Japanese and English.

The domain and the service layer name a rule and its field; only here is that said in words.
`str.format` fills in the violation's params. Codes every service shares are COMMON's.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

SENTENCES: dict[str, tuple[str, str]] = {
    # Orders (domain/order.py).
    "order_no_lines": ("証明書を1種類以上選んでください。", "Choose at least one certificate."),
    "too_many_copies": ("1回の申請でお申し込みいただける部数は合計{most}部までです（現在{copies}部）。",
                        "One order may have at most {most} copies in total (this one has {copies})."),
    "copies_out_of_range": ("部数は1〜{most}部で指定してください。", "Choose between 1 and {most} copies."),
    "certificate_type_unknown": ("この証明書はお申し込みいただけません。", "This certificate cannot be ordered."),
    "certificate_type_repeated": ("同じ証明書が2回選ばれています。部数でご指定ください。",
                                  "This certificate is chosen twice; give the number of copies instead."),
    "certificate_type_not_eligible": ("{name}は、この学籍番号（{programme}・{status}）ではお申し込みいただけません。",
                                      "{name} cannot be ordered for this student number ({programme}, {status})."),
    "certificate_type_not_printable": ("{name}はコンビニエンスストアでは印刷できません。"
                                       "大学の窓口にお問い合わせください。",
                                       "{name} cannot be printed at a store; please contact the university office."),
    "payment_method_not_offered": ("このお支払い方法はご利用いただけません。", "This payment method is not offered."),
    "amount_exceeds_method_limit": ("この支払い方法でお支払いいただける金額は{most}円までです（合計{total}円）。",
                                    "This payment method takes at most {most} yen (the total is {total} yen)."),
    "print_channel_unknown": ("印刷するコンビニエンスストアを選んでください。",
                              "Choose the store where you will print."),
    "deadline_changed": ("日付が変わり、お支払い期限・印刷期限が変わりました。"
                         "新しい期限をご確認のうえ、もう一度「申請」を押してください。",
                         "The date has changed, and with it the payment and print deadline. Please check the new "
                         "deadline and press Apply again."),
    "order_not_found": ("お申し込みが見つかりません。", "No such order."),
    "order_not_cancellable": ("お支払い済み、または期限切れのお申し込みは取り消せません。",
                              "An order that is paid or expired cannot be cancelled."),
    "payment_method_not_changeable": ("お支払い済み・期限切れ・取消済みのお申し込みは、お支払い方法を変更できません。",
                                      "The payment method of a paid, expired or cancelled order cannot be changed."),
    "unapplied_payment_not_found": ("このお申し込みに返金待ちの入金はありません。",
                                    "This order has no money waiting for a refund."),
    # The catalogue editor (domain/catalogue.py).
    "certificate_type_duplicate": ("証明書コード「{value}」が重複しています。", "The code {value} is used twice."),
    "certificate_type_code_format": ("証明書コードは半角英数字（- と _ も可）{max}文字以内で入力してください。",
                                     "Give a code of at most {max} ASCII letters, digits, - or _."),
    "certificate_type_language": ("言語は日本語か英語を選んでください。", "Choose Japanese or English."),
    "certificate_type_template": ("どの証明書か（様式）を選んでください。",
                                  "Choose which certificate this is (its template)."),
    "amount_out_of_range": ("{least}〜{most}の整数で入力してください。",
                            "Enter a whole number from {least} to {most}."),
    "choose_at_least_one": ("1つ以上選んでください。", "Choose at least one."),
    "choice_unknown": ("「{value}」は選べません。", "{value} is not one of the choices."),
    "payment_methods_required": ("お支払い方法を1つ以上選んでください。", "Offer at least one payment method."),
    "payment_method_unknown": ("お支払い方法「{method}」はありません。", "There is no payment method {method}."),
}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
