"""GK102 section-order: sections out of the template's order."""

from __future__ import annotations

from ...vocab import cn_number
from .. import Rule
from . import first_sections


class SectionOrder(Rule):
    code = "GK102"
    name = "section-order"
    severity = "warning"

    def check(self, report):
        last = 0
        for s in first_sections(report):
            number = s.heading.section.number
            if number < last:
                yield self.finding("out-of-order", s.pos, title=s.heading.title, after=cn_number(last),
                                   after_number=last, place=cn_number(number), number=number,
                                   data={"section": s.key})
            last = max(last, number)
