"""GK007 row-split-by-total: run-together digits could be split only with the row's own total, so
that total no longer checks anything.

Raised by the table reader while it reads the row (`split_by_total`)."""

from __future__ import annotations

from .. import Rule
from . import row_label


class RowSplitByTotal(Rule):
    code = "GK007"
    name = "row-split-by-total"
    severity = "info"

    def split_by_total(self, table, row, pieces: list[str], pos):
        return self.finding("by-total", pos, table=table.definition.title, row=row_label(row),
                            split="/".join(pieces), data={"table": table.key, "row": row.key})
