"""GK202 table-text-not-found: a section that should hold tables has no table text at all."""

from __future__ import annotations

from .. import Rule
from . import expected_tables, no_table_text


class TableTextNotFound(Rule):
    code = "GK202"
    name = "table-text-not-found"
    severity = "warning"  # images or a lossy scrape look the same as a table left out

    def check(self, report):
        for sdef, section, expected in expected_tables(report):
            if no_table_text(report, sdef, expected):
                yield self.finding("not-found", section.pos, heading=section.heading.title,
                                   data={"section": sdef.key})
