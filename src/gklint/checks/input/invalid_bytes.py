"""GK003 invalid-bytes: mostly text, with bytes that do not decode (replaced).

Raised by the text decoder."""

from __future__ import annotations

from .. import Rule


class InvalidBytes(Rule):
    code = "GK003"
    name = "invalid-bytes"
    severity = "warning"
