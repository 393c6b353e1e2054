"""GK105 heading-numbering: a top-level heading numbered `2、`, unnumbered, or with the wrong numeral."""

from __future__ import annotations

from ...vocab import cn_number
from .. import Rule
from . import canonical, first_sections


class HeadingNumbering(Rule):
    code = "GK105"
    name = "heading-numbering"
    severity = "warning"

    def check(self, report):
        for s in first_sections(report):
            h = s.heading
            fix = canonical(h.section)
            if h.style == "arabic":
                msg = "arabic"
            elif h.style == "missing":
                msg = "unnumbered"
            elif h.ordinal != cn_number(h.section.number):
                msg = "wrong-numeral"
            else:
                continue
            yield self.finding(msg, s.pos, ordinal=h.ordinal or "", canonical=fix, data={"section": s.key, "fix": fix})
