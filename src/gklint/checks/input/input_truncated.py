"""GK020 input-truncated: too many lines, a table of too many cells, or a table whose grid would be too
large to expand; only the first part is read, or the table is read as text.

Raised by the engine (lines), the parser (cells) and the Word and web-page readers (grids); the parser's
finding survives a re-read of the tables."""

from __future__ import annotations

from .. import Rule


class InputTruncated(Rule):
    code = "GK020"
    name = "input-truncated"
    severity = "warning"
