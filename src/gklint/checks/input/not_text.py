"""GK002 not-text: binary data, or text in no encoding gklint knows.

Raised by the text decoder."""

from __future__ import annotations

from .. import Rule


class NotText(Rule):
    code = "GK002"
    name = "not-text"
    severity = "error"
