"""The CertificateRenderer the service uses: this package's `render`, as the port's object."""

from __future__ import annotations

from shomei_print_gateway.adapters.rendering.document import render
from shomei_print_gateway.domain.certificate import CertificateContent, RenderedCertificate


class PdfRenderer:
    def render(self, content: CertificateContent) -> RenderedCertificate:
        return render(content)
