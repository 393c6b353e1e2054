"""GK702 period-missing (info): the report does not state its statistics period."""

from __future__ import annotations

from .. import Rule
from . import mentions_period


class PeriodMissing(Rule):
    code = "GK702"
    name = "period-missing"
    severity = "info"

    def check(self, report):
        if not mentions_period(report):
            where = report.sections[0].pos if report.sections else report.title_pos
            yield self.finding("missing", where, year=report.year or "××××")
