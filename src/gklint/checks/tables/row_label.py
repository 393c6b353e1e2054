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
                    fix = row.template_label  # of the row's own version: a 2019 row in a 2021 table is read too
                    yield self.finding("variant", row.pos, severity="info", table=table.definition.title,
                                       label=row.label, fix=fix,
                                       data={"table": table.key, "row": row.key, "actual": row.label, "fix": fix})
                if row.relabelled:
                    fix = row.template_label  # of the row's own version: a 2019 row in a 2021 table is read too
                    yield self.finding("label", row.pos, table=table.definition.title, label=row.label, fix=fix,
                                       data={"table": table.key, "row": row.key, "actual": row.label, "fix": fix})
