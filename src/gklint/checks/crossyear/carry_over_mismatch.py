"""GK801 carry-over-mismatch: this year's carried-in requests against last year's carried-out ones."""

from __future__ import annotations

from ...facts import cells, usable
from . import PairRule, col_label, file_name, fmt, row_label


class CarryOverMismatch(PairRule):
    code = "GK801"
    name = "carry-over-mismatch"
    severity = "warning"
    facts = ("carried_in_by_column", "carried_out_by_column")

    def check_pair(self, this, last):
        carried_in, carried_out = cells(this, self.facts[0]), cells(last, self.facts[1])
        for now, before in zip(carried_in, carried_out):
            if not (usable(now) and usable(before)):
                continue  # blank, not applicable or unreadable: not checkable
            if now.value == before.value:
                continue
            yield self.finding(
                "differs", now.pos, row=row_label(this, now), col=col_label(this, now), value=fmt(now.value),
                previous=file_name(last), year=last.year, previous_row=row_label(last, before),
                previous_value=fmt(before.value),
                data={"cell": now.path, "table": now.table, "row": now.row, "expected": str(before.value),
                      "actual": str(now.value), "previous": last.path, "previous_cell": before.path,
                      "previous_line": before.pos.line})
