"""GK703 period-wrong: the statistics period is not 1 January to 31 December of the report's year."""

from __future__ import annotations

import re

from ...model import Pos
from .. import Rule
from . import periods


class PeriodWrong(Rule):
    code = "GK703"
    name = "period-wrong"
    severity = "error"

    def check(self, report):
        y = report.year
        if y is None:
            return
        for it, text, m in periods(report):
            start = (int(m.group("y1") or y), int(m.group("m1")), int(m.group("d1")))
            end = (int(m.group("y2") or m.group("y1") or y), int(m.group("m2")), int(m.group("d2")))
            if start != (y, 1, 1) or end != (y, 12, 31):
                said = re.sub(r"\s+", "", text[m.start("m1") if m.group("y1") is None else m.start("y1"):m.end()])
                yield self.finding("wrong", Pos(it.line, it.col + m.start()), start=_date(*start), end=_date(*end),
                                   year=y, data={"said": said, "expected": f"{y}-01-01/{y}-12-31"})


def _date(y: int, m: int, d: int) -> dict:
    """A date as a message argument: 2023年1月1日, 1 January 2023 (a month that is none: 2023-13-1)."""
    if 1 <= m <= 12:
        return {"msg": "GK703:date", "args": {"y": y, "m": m, "d": d, "month": {"msg": f"GK703:month-{m}"}}}
    return {"msg": "GK703:date-odd", "args": {"y": y, "m": m, "d": d}}
