"""GK208 cell-value: a cell that is text, negative where the column is not signed, or a fraction
in a column of counts."""

from __future__ import annotations

from ...model import BLANK, NA, NUMBER
from .. import Rule
from . import own_tables, row_name


class CellValue(Rule):
    code = "GK208"
    name = "cell-value"
    severity = "error"

    def check(self, report):
        for table in own_tables(report):
            for row in table.rows.values():
                for col in table.definition.columns:
                    cell = row.cells.get(col.key)
                    if cell is None or cell.kind in (BLANK, NA):
                        continue  # GK209
                    msg = _problem(cell, col.kind)
                    if msg:
                        yield self.finding(msg, cell.pos, table=table.definition.title, row=row_name(row.label),
                                           column=col.label, raw=cell.raw,
                                           data={"cell": cell.path, "actual": cell.raw})


def _problem(cell, kind: str) -> str | None:
    if cell.kind != NUMBER:
        return "not-number"
    if cell.value < 0 and kind != "signed":
        return "negative"
    if kind in ("count", "signed") and cell.value != cell.value.to_integral_value():
        return "fraction"
    return None
