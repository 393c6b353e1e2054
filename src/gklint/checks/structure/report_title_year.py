"""GK108 report-title-year: the year was found only outside the title."""

from __future__ import annotations

from .. import Rule


class ReportTitleYear(Rule):
    code = "GK108"
    name = "report-title-year"
    severity = "warning"

    def check(self, report):
        # Without any year, GK701 says so; this rule is for a year found only outside the title.
        if report.title and report.year is not None and report.year_source != "title" \
                and not any(ch.isdigit() for ch in report.title):
            yield self.finding("no-year", report.title_pos, title=report.title)
