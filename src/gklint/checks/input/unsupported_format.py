"""GK009 unsupported-format: a format gklint does not read (.doc, RTF, OFD, .odt …).

Raised by the readers."""

from __future__ import annotations

from .. import Rule


class UnsupportedFormat(Rule):
    code = "GK009"
    name = "unsupported-format"
    severity = "warning"
