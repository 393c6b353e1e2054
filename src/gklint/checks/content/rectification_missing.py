"""GK504 rectification-missing: 五 states problems and measures, but not how last year's were rectified."""

from __future__ import annotations

from .. import Rule
from . import lacking, says_nothing, with_text


class RectificationMissing(Rule):
    code = "GK504"
    name = "rectification-missing"
    severity = "info"
    words = ("nothing", "problems_and_measures", "rectification")

    def check(self, report):
        section, text = with_text(report, "problems")
        pack = report.expected
        # Only once 五 states problems and measures at all: GK503 speaks first.
        if section is None or says_nothing(pack, text) or lacking(pack, text):
            return
        if not pack.phrases("rectification").contains(text):
            yield self.finding("missing", section.pos, data={"section": section.key})
