"""Identity-document images: accepted by content (never by file name), bounded in bytes and
pixels, and re-encoded from pixels alone so no metadata (EXIF, GPS, comments) survives."""

from __future__ import annotations

import io
import math
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from shomei_shared.errors import InvalidInput

MEGABYTE = 1024 * 1024
MAX_BYTES = 5 * MEGABYTE
# A phone's usual 12-24 megapixel photo fits; a small file that claims to be enormous (a
# decompression bomb) is refused from its header, before any pixel is decoded. A fully decoded
# image at this cap is 100 MB as RGBA: the bound on one decode's memory (ADR 0023).
MAX_PIXELS = 25_000_000
# Re-encoded images are bounded so that staff's preview loads quickly; text stays legible.
MAX_SIDE = 3000
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF"}
# Decodes at once in one process: with 8 request threads, 8 large images at once would need
# 800 MB; two keep a worker's memory bounded while uploads stay rare and quick.
MAX_CONCURRENT_DECODES = 2
_decoding = threading.BoundedSemaphore(MAX_CONCURRENT_DECODES)


@contextmanager
def _decode_slot() -> Iterator[None]:
    with _decoding:
        yield


@dataclass(frozen=True)
class CleanImage:
    media_type: str
    content: bytes
    width: int
    height: int


def clean_image(raw: bytes, field: str) -> CleanImage:
    """The image re-encoded (JPEG quality 90, or PNG for PNG and GIF); raises InvalidInput."""
    if len(raw) > MAX_BYTES:
        raise InvalidInput.one("image_too_large", field, max_mb=MAX_BYTES // MEGABYTE)
    with _decode_slot():
        return _clean(raw, field)


def _clean(raw: bytes, field: str) -> CleanImage:
    image, kind = _open_checked(raw, field)
    is_jpeg = kind == "JPEG"
    try:
        image = ImageOps.exif_transpose(image)  # keep it upright once the orientation tag is gone
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        mode = "RGB" if is_jpeg else ("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        pixels = image.convert(mode)
        # A new image from the pixels alone: nothing of the original's info travels along.
        fresh = Image.frombytes(mode, pixels.size, pixels.tobytes())
        output = io.BytesIO()
        if is_jpeg:
            fresh.save(output, format="JPEG", quality=90, optimize=True)
        else:
            fresh.save(output, format="PNG", optimize=True)
    except (OSError, ValueError) as error:
        raise _unreadable(field) from error
    return CleanImage("image/jpeg" if is_jpeg else "image/png", output.getvalue(), fresh.width, fresh.height)


def _open_checked(raw: bytes, field: str) -> tuple[Image.Image, str]:
    formats = sorted(ACCEPTED_FORMATS)  # Pillow identifies by content; other decoders are not even tried
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw), formats=formats)
            kind, pixels = probe.format or "", probe.width * probe.height
            if pixels <= MAX_PIXELS:
                probe.verify()  # structure check; the image must be reopened after verify()
                image = Image.open(io.BytesIO(raw), formats=formats)
                _decode_no_larger_than_needed(image)
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(field) from None
    except UnidentifiedImageError:
        raise InvalidInput.one("image_format", field) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise _unreadable(field) from error
    if pixels > MAX_PIXELS:
        raise _too_large(field)
    return image, kind


def _decode_no_larger_than_needed(image: Image.Image) -> None:
    """JPEG decodes at 1/2 to 1/8 scale when the preview is that much smaller anyway: less memory
    and time for the same result after thumbnail(). Other formats ignore the draft."""
    longest = max(image.size)
    if longest > MAX_SIDE:
        ratio = longest / MAX_SIDE
        image.draft(image.mode, (math.ceil(image.width / ratio), math.ceil(image.height / ratio)))


def _too_large(field: str) -> InvalidInput:
    return InvalidInput.one("image_too_many_pixels", field, max_megapixels=MAX_PIXELS // 1_000_000)


def _unreadable(field: str) -> InvalidInput:
    return InvalidInput.one("image_unreadable", field)
