"""GK203 row-label: a row found by resemblance, whose label deviates from the template's (a warning),
or differs only in its numbering or punctuation (`1、` for `1.`, `,` for `、`: info)."""

from __future__ import annotations

from .. import Rule
from . import own_tables


class RowLabel(Rule):
    code = "GK203"
    name = "row-label"
    severity = "warning"

    def check(self, report):
        for table in own_tables(report):
            for row in table.rows.values():
                if row.variant:
                    fix = table.definition.row_defs[row.key].label
                    yield self.finding("variant", row.pos, severity="info", table=table.definition.title,
                                       label=row.label, fix=fix,
                                       data={"table": table.key, "row": row.key, "actual": row.label, "fix": fix})
                if row.relabelled:
                    fix = table.definition.row_defs[row.key].label
                    yield self.finding("label", row.pos, table=table.definition.title, label=row.label, fix=fix,
                                       data={"table": table.key, "row": row.key, "actual": row.label, "fix": fix})
