"""GK004 empty-file: nothing but white space.

Raised by the engine."""

from __future__ import annotations

from .. import Rule


class EmptyFile(Rule):
    code = "GK004"
    name = "empty-file"
    severity = "error"
