"""print-gateway's message catalogue: each of its violation codes in Japanese and English.

The domain and the service layer name a rule and its field; only here is that said in words.
`str.format` fills in the violation's params. Codes every service shares are COMMON's.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

SENTENCES: dict[str, tuple[str, str]] = {
    "print_order_not_found": ("印刷の申込が見つかりません。", "No such print order."),
    "print_order_not_failed": ("この申込は登録に失敗していないため、再試行できません。",
                               "This order's submission has not failed, so there is nothing to retry."),
}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
