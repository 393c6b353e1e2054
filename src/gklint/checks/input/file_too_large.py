"""GK008 file-too-large: over the size limit, not read.

Raised by the readers."""

from __future__ import annotations

from .. import Rule


class FileTooLarge(Rule):
    code = "GK008"
    name = "file-too-large"
    severity = "error"
