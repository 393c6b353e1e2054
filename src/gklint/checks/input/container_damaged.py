"""GK011 container-damaged: a Word or PDF file that cannot be parsed.

Raised by the Word and PDF readers."""

from __future__ import annotations

from .. import Rule


class ContainerDamaged(Rule):
    code = "GK011"
    name = "container-damaged"
    severity = "error"
