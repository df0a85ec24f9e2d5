from __future__ import annotations

import pytest

from shomei_enrollment.service_layer.csv_files import decode_csv
from shomei_shared.errors import InvalidInput, Violation

TEXT = "student_number,name_kanji\nL08001,証明 太郎\n"


@pytest.mark.parametrize(("raw", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("cp932"), "cp932"),
    ("L08001,髙橋 ①\n".encode("cp932"), "cp932"),  # Windows-only characters Excel writes
])
def test_encodings_are_detected(raw: bytes, encoding: str) -> None:
    text, detected = decode_csv(raw)
    assert detected == encoding and not text.startswith("\ufeff")
    assert "証明" in text or "髙橋" in text


def test_undecodable_bytes_name_the_file() -> None:
    with pytest.raises(InvalidInput) as caught:
        decode_csv(b"\x81\x7f\xff\xfe")
    assert caught.value.violations == (Violation("csv_encoding_unknown", "file"),)
