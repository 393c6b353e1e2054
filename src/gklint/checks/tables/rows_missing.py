"""GK205 rows-missing: rows of the template that a table lacks."""

from __future__ import annotations

from .. import Rule
from . import own_tables, row_item


class RowsMissing(Rule):
    code = "GK205"
    name = "rows-missing"
    severity = "error"

    def check(self, report):
        for table in own_tables(report):
            definition = table.definition
            missing = [r for r in definition.rows if r not in table.rows]
            if not missing:
                continue
            data = {"table": table.key, "missing": missing}
            if not table.rows and not table.unknown_rows:
                yield self.finding("no-rows", table.pos, table=definition.title, data=data)
                continue
            yield self.finding("missing", _after(table, missing[0]), table=definition.title, count=len(missing),
                               rows=[row_item(definition.row_defs[r].label) for r in missing], data=data)


def _after(table, missing_key: str):
    """Position of the row just before where a missing row belongs."""
    order = list(table.definition.rows)
    before = [r for r in order[: order.index(missing_key)] if r in table.rows]
    return table.rows[before[-1]].pos if before else table.pos
