"""GK403 new-layout-early: the tables follow another format than the report's year requires, one
that format did not replace — a later one, as when a 2020 report is in the 2021 format."""

from __future__ import annotations

from .. import Rule
from . import layout_finding


class NewLayoutEarly(Rule):
    code = "GK403"
    name = "new-layout-early"
    severity = "warning"  # the year may be the mistake, or the report was rewritten later

    def check(self, report):
        expected, layout = report.expected, report.layout
        if expected is not None and layout is not None and layout is not expected \
                and layout.template not in expected.supersedes:
            yield layout_finding(self, report)
