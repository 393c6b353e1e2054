"""GK006 row-unreadable: digits run together that cannot be split into the row's cells in one way.

Raised by the table reader while it reads the row (`unreadable`), so a re-read of the tables with
another pack redoes it."""

from __future__ import annotations

from .. import Rule
from . import row_label


class RowUnreadable(Rule):
    code = "GK006"
    name = "row-unreadable"
    severity = "error"

    def unreadable(self, table, row, runs: list[str], candidates: int, columns: int, pos):
        how = {"msg": "GK006:no-split"} if candidates == 0 else {"msg": "GK006:splits", "args": {"count": candidates}}
        return self.finding("unreadable", pos, table=table.definition.title, row=row_label(row), runs=runs,
                            columns=columns, how=how, data={"table": table.key, "row": row.key})
