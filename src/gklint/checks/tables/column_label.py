"""GK204 column-label: a column heading that only resembles the template's."""

from __future__ import annotations

from .. import Rule
from . import own_tables


class ColumnLabel(Rule):
    code = "GK204"
    name = "column-label"
    severity = "warning"

    def check(self, report):
        for table in own_tables(report):
            for h in table.header:
                if h.role == "unknown" and h.canonical:
                    yield self.finding("label", h.pos, table=table.definition.title, label=h.text, fix=h.canonical,
                                       data={"table": table.key, "actual": h.text, "fix": h.canonical})
