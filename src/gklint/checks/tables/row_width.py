"""GK207 row-width: a row with more or fewer values than the template has columns.

Raised by the table reader while it reads the row (`width`), so a re-read of the tables with
another pack redoes it."""

from __future__ import annotations

from .. import Rule
from . import row_name


class RowWidth(Rule):
    code = "GK207"
    name = "row-width"
    severity = "error"

    def width(self, table, row, found: int, expected: int):
        return self.finding("width", row.pos, table=table.definition.title, row=row_name(row.label), found=found,
                            expected=expected,
                            data={"table": table.key, "row": row.key, "found": found, "expected": expected})
