"""GK109 section-empty: a heading with nothing under it."""

from __future__ import annotations

from .. import Rule
from . import first_sections


class SectionEmpty(Rule):
    code = "GK109"
    name = "section-empty"
    severity = "warning"

    def check(self, report):
        for s in first_sections(report):
            if not s.items:
                yield self.finding("empty", s.pos, title=s.heading.title, data={"section": s.key})
