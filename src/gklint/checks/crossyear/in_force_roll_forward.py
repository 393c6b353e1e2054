"""GK802 in-force-roll-forward: documents in force against last year's plus issued minus repealed."""

from __future__ import annotations

from ...facts import cells, has, usable
from . import PairRule, file_name, fmt, row_label


class InForceRollForward(PairRule):
    code = "GK802"
    name = "in-force-roll-forward"
    severity = "info"
    facts = ("documents_in_force", "documents_issued", "documents_repealed")

    def check_pair(self, this, last):
        if not all(has(r, name) for r in (this, last) for name in self.facts):
            return  # a format without these columns (the 2019 trial format)
        in_force, issued, repealed = self.facts
        rows = zip(cells(last, in_force), cells(this, issued), cells(this, repealed),
                   cells(this, in_force))
        for operands in rows:
            if not all(usable(c) for c in operands):
                continue
            before, new, gone, now = operands
            expected = before.value + new.value - gone.value
            if expected == now.value:
                continue
            yield self.finding(
                "differs", now.pos, row=row_label(this, now), value=fmt(now.value), previous=file_name(last),
                year=last.year, before=fmt(before.value), issued=fmt(new.value), repealed=fmt(gone.value),
                expected=fmt(expected), difference=fmt(now.value - expected),
                data={"cell": now.path, "table": now.table, "row": now.row, "expected": str(expected),
                      "actual": str(now.value), "previous": last.path, "previous_cell": before.path})
