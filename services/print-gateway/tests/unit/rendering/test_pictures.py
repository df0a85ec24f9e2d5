"""Each kind in both languages as PNG pages, by poppler's pdftoppm (a second reader besides
pdfium), into .local/rendering/ for a person to look at as a registrar would."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from PIL import Image

from shomei_devtools.paths import project_root
from shomei_devtools.system import ensure_command
from shomei_print_gateway.adapters.rendering import render
from shomei_print_gateway.domain.certificate import KINDS, LANGUAGES, CertificateContent

OUT = project_root() / ".local" / "rendering"


def test_every_kind_in_both_languages_renders_to_a4_page_images(
        make_certificate: Callable[..., CertificateContent]) -> None:
    pdftoppm = ensure_command("pdftoppm", "poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        for language in LANGUAGES:
            rendered = render(make_certificate(kind, language, course_count=60))
            stem = OUT / f"{kind}-{language}"
            for old in OUT.glob(f"{stem.name}-*.png"):
                old.unlink()
            subprocess.run([pdftoppm, "-png", "-r", "100", "-", str(stem)], input=rendered.pdf, check=True,
                           capture_output=True)
            pictures = sorted(OUT.glob(f"{stem.name}-*.png"))
            assert len(pictures) == rendered.pages
            for picture in pictures:
                with Image.open(picture) as image:
                    assert abs(image.height / image.width - 297 / 210) < 0.01
