"""GK007 row-split-by-total: run-together digits that could be split only with the help of the
relations — the row's own total, or the table's relations across rows — so those relations no
longer check anything for these rows. Said once per table."""

from __future__ import annotations

from .. import Rule
from . import row_label


class RowSplitByTotal(Rule):
    code = "GK007"
    name = "row-split-by-total"
    severity = "info"
    needs_report = False

    def check(self, report):
        for table in report.tables.values():
            rows = [r for r in table.rows.values() if r.split in ("by-total", "by-relations")]
            if not rows:
                continue
            items = [{"msg": f"GK007:{r.split}", "args": {"row": row_label(r),
                                                         "split": "/".join(c.raw for c in r.cells.values())}}
                     for r in rows]
            yield self.finding("split", rows[0].pos, table=table.definition.title, items=items,
                               data={"table": table.key, "rows": [r.key for r in rows]})
