"""GK401 old-layout: the tables follow a format that the one of the report's year replaced."""

from __future__ import annotations

from .. import Rule
from . import layout_finding


class OldLayout(Rule):
    code = "GK401"
    name = "old-layout"
    severity = "error"

    def check(self, report):
        expected, layout = report.expected, report.layout
        if expected is not None and layout is not None and layout is not expected \
                and layout.template in expected.supersedes:
            yield layout_finding(self, report)
