"""Uploads with real images made by Pillow."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from shomei_enrollment.adapters import images
from shomei_enrollment.adapters.images import clean_image
from shomei_shared.errors import InvalidInput

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    picture = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)})
    output = io.BytesIO()
    picture.save(output, format="JPEG", exif=exif, comment=b"taken at home")
    return output.getvalue()


def encoded(kind: str, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size).save(output, format=kind)
    return output.getvalue()


def refusal(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as caught:
        clean_image(raw, "images.front")
    [violation] = caught.value.violations
    assert violation.field == "images.front"
    return violation.code


def test_jpeg_gps_exif_is_stripped_by_reencoding() -> None:
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the test image really has GPS
    result = clean_image(raw, "images.front")
    cleaned = Image.open(io.BytesIO(result.content))
    assert result.media_type == "image/jpeg" and cleaned.format == "JPEG"
    assert (result.width, result.height) == (64, 48)
    assert len(cleaned.getexif()) == 0 and "exif" not in cleaned.info and "comment" not in cleaned.info
    assert b"PhoneMaker" not in result.content and b"taken at home" not in result.content


def test_gif_is_accepted_as_png_and_png_stays_png() -> None:
    gif = clean_image(encoded("GIF", mode="P"), "images.front")
    assert gif.media_type == "image/png" and Image.open(io.BytesIO(gif.content)).format == "PNG"
    png = clean_image(encoded("PNG", mode="RGBA"), "images.back")
    assert png.media_type == "image/png"


def test_a_pdf_renamed_png_is_refused_by_its_content() -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    assert refusal(pdf) == "image_format"


def test_other_image_formats_are_refused() -> None:
    assert refusal(encoded("BMP")) == "image_format"


def test_oversize_file_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_image(b"\xff\xd8\xff" + b"\0" * images.MAX_BYTES, "images.front")
    assert caught.value.first.code == "image_too_large" and caught.value.first.params == {"max_mb": 5}


def test_decompression_bomb_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    assert refusal(encoded("PNG", size=(101, 100))) == "image_too_many_pixels"


def test_truncated_image_is_refused() -> None:
    assert refusal(encoded("PNG")[:60]) == "image_unreadable"


def test_large_photo_is_scaled_for_preview() -> None:
    result = clean_image(encoded("JPEG", size=(4000, 1000)), "images.front")
    assert (result.width, result.height) == (3000, 750)
