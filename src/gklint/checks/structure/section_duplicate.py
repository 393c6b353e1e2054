"""GK103 section-duplicate: a section appears twice."""

from __future__ import annotations

from .. import Rule


class SectionDuplicate(Rule):
    code = "GK103"
    name = "section-duplicate"
    severity = "warning"

    def check(self, report):
        first = {}
        for s in report.sections:
            if s.key in first:
                yield self.finding("repeat", s.pos, title=s.heading.title, at=report.place(first[s.key].pos.line),
                                   data={"section": s.key})
            else:
                first[s.key] = s
