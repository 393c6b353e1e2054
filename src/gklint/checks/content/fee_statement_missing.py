"""GK505 fee-statement-missing: 六 says nothing about 信息处理费."""

from __future__ import annotations

from .. import Rule
from . import short, with_text


class FeeStatementMissing(Rule):
    code = "GK505"
    name = "fee-statement-missing"
    severity = "warning"
    words = ("fee",)

    def check(self, report):
        section, text = with_text(report, "other")
        if section is not None and not report.expected.phrases("fee").contains(text):
            yield self.finding("missing", section.pos, text=short(text), data={"section": section.key})
