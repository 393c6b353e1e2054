"""GK701 report-year-unknown: neither the title nor the preamble names the report's year."""

from __future__ import annotations

from .. import Rule


class ReportYearUnknown(Rule):
    code = "GK701"
    name = "report-year-unknown"
    severity = "error"

    def check(self, report):
        if report.year is None:
            yield self.finding("unknown", report.title_pos)
