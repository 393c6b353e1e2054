"""GK209 cell-blank: blank or “不适用” cells — one finding per table, however many there are."""

from __future__ import annotations

from ...model import BLANK, NA
from .. import Rule
from . import own_tables, row_name

SHOWN = 3  # cells named in the message; the data lists every cell


class CellBlank(Rule):
    code = "GK209"
    name = "cell-blank"
    severity = "info"

    def check(self, report):
        for table in own_tables(report):
            blanks = [(row, col, row.cells[col.key]) for row in table.rows.values() for col in table.definition.columns
                      if col.key in row.cells and row.cells[col.key].kind in (BLANK, NA) and row.cells[col.key].certain]
            if not blanks:
                continue
            rows = list(dict.fromkeys(row.key for row, _, _ in blanks))
            cells = [{"msg": "GK209:cell", "args": {"row": row_name(row.label), "column": col.label}}
                     for row, col, _ in blanks[:SHOWN]]
            yield self.finding("blank", blanks[0][2].pos, table=table.definition.title, count=len(blanks),
                               rows=len(rows), cells=cells, more={"msg": "GK209:more"} if len(blanks) > SHOWN else "",
                               data={"table": table.key, "rows": rows, "cells": [c.path for _, _, c in blanks]})
