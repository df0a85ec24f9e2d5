"""Uploads with real images made by Pillow."""

from __future__ import annotations

import io
import struct
import threading
import zlib

import pytest
from PIL import Image

from shomei_enrollment.adapters import images
from shomei_enrollment.adapters.images import clean_image
from shomei_enrollment.entrypoints.messages import CATALOGUE
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


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header claims width x height grey pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + _chunk(b"IEND", b""))


@pytest.mark.parametrize("size", [(20000, 20000), (6000, 5000)])
def test_a_decompression_bomb_is_refused_from_its_header_with_a_clear_message(size: tuple[int, int]) -> None:
    # 20000 x 20000 is refused by Pillow's own guard, 6000 x 5000 (30 MP) by ours below it; both
    # from the header: the file holds no pixels to decode.
    raw = png_declaring(*size)
    assert len(raw) < 100
    with pytest.raises(InvalidInput) as caught:
        clean_image(raw, "images.front")
    violation = caught.value.first
    assert (violation.code, violation.field, violation.params) == ("image_too_many_pixels", "images.front",
                                                                    {"max_megapixels": 25})
    assert "25メガピクセルまで" in CATALOGUE.sentence(violation, "ja")
    assert "at most 25 megapixels" in CATALOGUE.sentence(violation, "en")


def test_the_pixel_cap_is_lower_than_pillows() -> None:
    assert images.MAX_PIXELS <= 25_000_000 < Image.MAX_IMAGE_PIXELS


def test_a_large_jpeg_is_decoded_at_reduced_scale() -> None:
    raw = encoded("JPEG", size=(6000, 1000))
    image, kind = images._open_checked(raw, "images.front")
    assert kind == "JPEG" and image.size == (3000, 500)  # decoded at 1/2: never 6000 x 1000 in memory
    assert (clean_image(raw, "images.front").width, clean_image(raw, "images.front").height) == (3000, 500)


def test_decodes_at_once_are_bounded() -> None:
    for _ in range(images.MAX_CONCURRENT_DECODES):
        images._decoding.acquire()  # every slot busy
    done = threading.Event()
    worker = threading.Thread(target=lambda: (clean_image(encoded("PNG"), "images.front"), done.set()))
    try:
        worker.start()
        assert not done.wait(0.3)  # waits for a slot
    finally:
        for _ in range(images.MAX_CONCURRENT_DECODES):
            images._decoding.release()
    worker.join(timeout=30)
    assert done.is_set()
