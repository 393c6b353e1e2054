"""GK014 container-oversized: a zip bomb, or a PDF of too many pages.

Raised by the Word and PDF readers."""

from __future__ import annotations

from .. import Rule


class ContainerOversized(Rule):
    code = "GK014"
    name = "container-oversized"
    severity = "error"
