"""GK104 heading-variant: a known variant wording of a section title."""

from __future__ import annotations

from .. import Rule
from . import canonical, first_sections, written


class HeadingVariant(Rule):
    code = "GK104"
    name = "heading-variant"
    severity = "info"

    def check(self, report):
        for s in first_sections(report):
            if s.heading.match == "variant":
                fix = canonical(s.heading.section)
                yield self.finding("variant", s.pos, heading=written(s.heading), canonical=fix,
                                   data={"section": s.key, "fix": fix})
