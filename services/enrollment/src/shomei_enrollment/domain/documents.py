"""Identity documents (本人確認書類): which kinds are accepted and which sides may be attached."""

from __future__ import annotations

from enum import StrEnum


class DocumentType(StrEnum):
    DRIVERS_LICENSE = "drivers_license"
    MY_NUMBER_CARD = "my_number_card"
    PASSPORT = "passport"
    HEALTH_INSURANCE_CARD = "health_insurance_card"
    RESIDENCE_CARD = "residence_card"
    OTHER = "other"


DOCUMENT_LABELS_JA = {
    DocumentType.DRIVERS_LICENSE: "運転免許証",
    DocumentType.MY_NUMBER_CARD: "マイナンバーカード",
    DocumentType.PASSPORT: "パスポート",
    DocumentType.HEALTH_INSURANCE_CARD: "健康保険証",
    DocumentType.RESIDENCE_CARD: "在留カード",
    DocumentType.OTHER: "その他",
}


class Side(StrEnum):
    FRONT = "front"
    BACK = "back"


def parse_document_type(value: str) -> DocumentType | None:
    """The type by its code or its Japanese label (as the form shows it)."""
    for kind, label in DOCUMENT_LABELS_JA.items():
        if value in (kind.value, label):
            return kind
    return None
