"""GK020 input-truncated: too many lines, or a table of too many cells; only the first part is read.

Raised by the engine (lines) and the parser (cells); the parser's finding survives a re-read of the tables."""

from __future__ import annotations

from .. import Rule


class InputTruncated(Rule):
    code = "GK020"
    name = "input-truncated"
    severity = "warning"
