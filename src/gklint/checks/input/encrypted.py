"""GK013 encrypted: a Word or PDF file that needs a password to open.

Raised by the Word and PDF readers."""

from __future__ import annotations

from .. import Rule


class Encrypted(Rule):
    code = "GK013"
    name = "encrypted"
    severity = "error"
