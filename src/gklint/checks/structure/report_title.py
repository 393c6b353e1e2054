"""GK107 report-title: the title does not name a 政府信息公开工作年度报告 (info for a common slip)."""

from __future__ import annotations

from ...normalize import key
from .. import Rule


class ReportTitle(Rule):
    code = "GK107"
    name = "report-title"
    severity = "warning"

    def check(self, report):
        pack = report.expected
        if not report.title:
            yield self.finding("no-title", report.title_pos)
            return
        k = key(report.title)
        if any(key(w) in k for w in pack.title_required):
            return
        slip = next((w for w in pack.title_slips if key(w) in k), None)
        if slip:
            yield self.finding("slip", report.title_pos, severity="info", slip=slip)
        else:
            yield self.finding("unnamed", report.title_pos, title=report.title)
