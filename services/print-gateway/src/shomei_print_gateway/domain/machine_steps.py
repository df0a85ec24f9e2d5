"""What a graduate does at the store's machine, per chain (shown on the order page and in the mail)."""

from __future__ import annotations

STORES = {"netprint": ("セブン-イレブン", "7-Eleven"), "sharp": ("ファミリーマート・ローソン", "FamilyMart, Lawson")}

STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "netprint": (
        ("マルチコピー機の「プリント」から「ネットプリント」を選びます。",
         "At the multi-copy machine choose Print, then netprint."),
        ("プリント予約番号（8桁）を入力します。証明書ごとに番号があります。",
         "Enter the 8-character reservation number; each certificate has its own."),
        ("内容と料金を確かめ、料金を入れて「プリントスタート」を押します。",
         "Check the document and the price, pay at the machine and press Start."),
    ),
    "sharp": (
        ("マルチコピー機の「プリント」から「ネットワークプリント」を選びます。",
         "At the multi-copy machine choose Print, then Network print."),
        ("ユーザー番号（10桁）を入力します。この申込のすべての証明書が表示されます。",
         "Enter the 10-digit user number; every certificate of this order is listed."),
        ("証明書を選び、料金を入れてプリントします。", "Choose the certificates, pay at the machine and print."),
    ),
}
