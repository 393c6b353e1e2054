"""GK206 row-unknown: a row whose label resembles no row of the template."""

from __future__ import annotations

from .. import Rule
from . import own_tables


class RowUnknown(Rule):
    code = "GK206"
    name = "row-unknown"
    severity = "warning"

    def check(self, report):
        for table in own_tables(report):
            for row in table.unknown_rows:
                yield self.finding("unknown", row.pos, table=table.definition.title, label=row.label,
                                   data={"table": table.key, "actual": row.label})
