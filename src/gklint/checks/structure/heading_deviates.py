"""GK106 heading-deviates: a section title that resembles the template's but is not a known variant."""

from __future__ import annotations

from .. import Rule
from . import canonical, first_sections, written


class HeadingDeviates(Rule):
    code = "GK106"
    name = "heading-deviates"
    severity = "warning"

    def check(self, report):
        for s in first_sections(report):
            if s.heading.match == "fuzzy":
                fix = canonical(s.heading.section)
                yield self.finding("deviates", s.pos, heading=written(s.heading), canonical=fix,
                                   data={"section": s.key, "fix": fix})
