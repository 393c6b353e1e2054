"""GK012 pdf-no-text: a PDF, or some of its pages, without a text layer.

Raised by the PDF reader."""

from __future__ import annotations

from .. import Rule


class PdfNoText(Rule):
    code = "GK012"
    name = "pdf-no-text"
    severity = "error"
