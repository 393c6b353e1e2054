"""GK006 table-unread: parts of a table gklint could not read with certainty — run-together digits
with several readings, values that do not fit the columns, labels whose numbers could not be
placed. Said once per table, at info level: it is gklint's doubt, not the report's fault. The
table reader records the doubts (`Table.doubts`); the relations that need those cells are not
checked."""

from __future__ import annotations

from .. import Rule
from . import row_label


class TableUnread(Rule):
    code = "GK006"
    name = "table-unread"
    severity = "info"
    needs_report = False

    def check(self, report):
        for table in report.tables.values():
            if not table.doubts:
                continue
            items = [self._item(report, table, d) for d in table.doubts]
            yield self.finding("unread", table.doubts[0].pos, table=table.definition.title, items=items,
                               data={"table": table.key, "rows": [d.row for d in table.doubts if d.row]})

    def _item(self, report, table, d) -> dict:
        row = table.rows.get(d.row) if d.row else None
        label = row_label(row) if row is not None else (d.row or "")
        args = {"row": label, "text": d.text, "count": d.count, "columns": len(table.definition.columns),
                "at": report.place(d.pos.line)}
        return {"msg": f"GK006:{d.reason}", "args": args}
