"""GK005 not-a-report: neither the six section headings nor any template table was found."""

from __future__ import annotations

from .. import Rule


class NotAReport(Rule):
    code = "GK005"
    name = "not-a-report"
    severity = "error"
    needs_report = False  # it is the rule that says so

    def check(self, report):
        if not report.looks_like_report():
            yield self.finding("not-a-report", report.title_pos)
