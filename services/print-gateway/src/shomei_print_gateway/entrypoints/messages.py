"""print-gateway's message catalogue: each of its violation codes in Japanese and English.

The domain and the service layer name a rule and its field; only here is that said in words.
`str.format` fills in the violation's params. Codes every service shares are COMMON's.
"""

from __future__ import annotations

from shomei_shared.web.errors import COMMON, Catalogue

SENTENCES: dict[str, tuple[str, str]] = {
    "title_too_long": ("タイトルは{max}文字以内で入力してください。", "Give a title of at most {max} characters."),
    "item_not_found": ("見つかりません。", "No such item."),
}
CATALOGUE: Catalogue = COMMON.extend(SENTENCES)
