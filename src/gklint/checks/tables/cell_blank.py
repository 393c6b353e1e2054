"""GK209 cell-blank: blank or “不适用” cells, one finding per row."""

from __future__ import annotations

from ...model import BLANK, NA
from .. import Rule
from . import own_tables, row_name

SHOWN = 4  # columns named in the message; the data lists every cell


class CellBlank(Rule):
    code = "GK209"
    name = "cell-blank"
    severity = "info"

    def check(self, report):
        for table in own_tables(report):
            for row in table.rows.values():
                blanks = [(col, row.cells[col.key]) for col in table.definition.columns
                          if col.key in row.cells and row.cells[col.key].kind in (BLANK, NA)]
                if not blanks:
                    continue
                yield self.finding("blank", blanks[0][1].pos, table=table.definition.title, row=row_name(row.label),
                                   count=len(blanks), columns=[col.label for col, _ in blanks[:SHOWN]],
                                   more={"msg": "GK209:more"} if len(blanks) > SHOWN else "",
                                   data={"table": table.key, "row": row.key, "cells": [c.path for _, c in blanks]})
