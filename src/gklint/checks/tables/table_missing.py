"""GK201 table-missing: a table the template puts in a section is not there."""

from __future__ import annotations

from .. import Rule
from . import expected_tables, no_table_text


class TableMissing(Rule):
    code = "GK201"
    name = "table-missing"
    severity = "error"

    def check(self, report):
        for sdef, section, expected in expected_tables(report):
            if no_table_text(report, sdef, expected):
                continue  # no table text at all: perhaps images (GK202)
            for t in expected:
                if t.key not in report.tables:
                    yield self.finding("missing", section.pos, table=t.name, data={"table": t.key})
