"""GK706 signoff-date-malformed (info): the sign-off date is malformed, invalid or before the year's end."""

from __future__ import annotations

from .. import Rule
from . import signoff


class SignoffDateMalformed(Rule):
    code = "GK706"
    name = "signoff-date-malformed"
    severity = "info"

    def check(self, report):
        if report.year is None:
            return
        _, _, problem = signoff(report)
        if problem:
            msg, pos, said = problem
            yield self.finding(msg, pos, said=said, year=report.year, data={"said": said})
